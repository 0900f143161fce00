import LedgerCore

/// The donor's receipts over time as an inline SVG bar chart: one bar per receipt, in date
/// order, its height the receipt's value in the fund currency, with a labelled value axis.
///
/// Geometry is in SVG user units (640 × 250, drawn 174 mm wide); all scaling is integer
/// arithmetic on minor units, in tenths of a unit. Grey bars with black outlines read in
/// grayscale.
struct ReceiptsChart {
    let receipts: [DonorStatement.Money]
    let currency: Currency
    let format: StatementFormat
    let text: StatementText

    private static let width = 640
    private static let height = 250
    private static let left = 90
    private static let right = 630
    private static let top = 24
    private static let bottom = 200
    /// Above this many bars, not every bar gets a date and a value label.
    private static let maxLabels = 12

    /// The `<svg>` element, or nil when there is nothing to draw.
    var svg: String? {
        guard !receipts.isEmpty else { return nil }
        let scale = ChartScale(maximum: receipts.map { max(0, $0.value.minorUnits) }.max() ?? 0)
        let parts = [axisTitle, grid(scale), bars(scale), axes]
        return """
            <svg class="chart" viewBox="0 0 \(Self.width) \(Self.height)" \
            role="img" aria-label="\(HTMLMarkup.escape(text.chart))" font-size="10">
            \(parts.joined(separator: "\n"))
            </svg>
            """
    }

    private var axisTitle: String {
        let title = HTMLMarkup.escape(text.valueIn(currency.code))
        return "<text x=\"\(Self.left)\" y=\"12\" class=\"axis-title\">\(title)</text>"
    }

    private var axes: String {
        let (l, r, t, b) = (Self.left, Self.right, Self.top, Self.bottom)
        return "<path class=\"axis\" d=\"M\(l) \(t) V\(b) H\(r)\" fill=\"none\" stroke=\"#000\" stroke-width=\"1\"/>"
    }

    /// Horizontal grid lines with the value of each tick on the left.
    private func grid(_ scale: ChartScale) -> String {
        scale.values.map { value in
            let y = tenths(Self.bottom * 10 - scale.tenths(value, of: plotHeight))
            let label = HTMLMarkup.escape(tickLabel(value))
            return """
                <line class="grid" x1="\(Self.left)" x2="\(Self.right)" y1="\(y)" y2="\(y)" stroke="#999" \
                stroke-width="0.5" stroke-dasharray="3 2"/>\
                <text x="\(Self.left - 6)" y="\(y)" dy="3.5" text-anchor="end">\(label)</text>
                """
        }.joined(separator: "\n")
    }

    /// One bar per receipt, with its date beneath and, when there is room, its value above.
    private func bars(_ scale: ChartScale) -> String {
        let slot = (Self.right - Self.left) * 10 / receipts.count
        let barWidth = min(slot * 6 / 10, 600)
        let labelEvery = (receipts.count + Self.maxLabels - 1) / Self.maxLabels
        return receipts.enumerated().map { index, receipt in
            let x = Self.left * 10 + slot * index + (slot - barWidth) / 2
            let barHeight = scale.tenths(max(0, receipt.value.minorUnits), of: plotHeight)
            let centre = x + barWidth / 2
            var svg = """
                <rect class="bar" x="\(tenths(x))" y="\(tenths(Self.bottom * 10 - barHeight))" \
                width="\(tenths(barWidth))" height="\(tenths(barHeight))" fill="#8c8c8c" stroke="#000" \
                stroke-width="0.8"><title>\(HTMLMarkup.escape(caption(receipt)))</title></rect>
                """
            if index % labelEvery == 0 {
                svg += dateLabel(receipt.date, centre: centre)
                if labelEvery == 1 { svg += valueLabel(receipt, centre: centre, top: Self.bottom * 10 - barHeight) }
            }
            return svg
        }.joined(separator: "\n")
    }

    private func dateLabel(_ date: LedgerDate, centre: Int) -> String {
        let x = tenths(centre)
        return """
            <text x="\(x)" y="\(Self.bottom + 14)" text-anchor="middle">\(HTMLMarkup.escape(format.shortDate(date)))</text>\
            <text x="\(x)" y="\(Self.bottom + 26)" text-anchor="middle" class="year">\(date.year)</text>
            """
    }

    private func valueLabel(_ receipt: DonorStatement.Money, centre: Int, top: Int) -> String {
        let value = receipt.value
        let figure = wholeUnits(value) ?? format.number(minorUnits: value.minorUnits, exponent: value.currency.exponent)
        return """
            <text x="\(tenths(centre))" y="\(tenths(top - 40))" text-anchor="middle" font-size="8">\
            \(HTMLMarkup.escape(figure))</text>
            """
    }

    private var plotHeight: Int { (Self.bottom - Self.top) * 10 }

    /// "30 July 2026 · AGR-1 · USD 1,000.00".
    private func caption(_ receipt: DonorStatement.Money) -> String {
        "\(format.date(receipt.date)) · \(receipt.reference) · \(format.amount(receipt.value))"
    }

    /// A tick value without decimals when it is a whole number of units.
    private func tickLabel(_ minorUnits: Int64) -> String {
        wholeUnits(Amount(minorUnits: minorUnits, currency: currency))
            ?? format.number(minorUnits: minorUnits, exponent: currency.exponent)
    }

    /// The amount in whole units (`12,500`), or nil when it has a fraction.
    private func wholeUnits(_ amount: Amount) -> String? {
        let unit = ChartScale.power(of: 10, amount.currency.exponent)
        guard unit > 0, amount.minorUnits % unit == 0 else { return nil }
        return format.number(minorUnits: amount.minorUnits / unit, exponent: 0)
    }

    /// Tenths of a user unit as SVG text: `1234` → `123.4`.
    private func tenths(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        return "\(sign)\(value.magnitude / 10).\(value.magnitude % 10)"
    }
}
