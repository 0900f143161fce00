package import LedgerCore

/// A bar chart of amounts as an inline SVG: one bar per item, in the order given, its height
/// the item's value, with a labelled value axis from zero. The donor statement's receipts chart
/// and the public site's charts are both drawn by it.
///
/// Geometry is in SVG user units (640 × 250, drawn 174 mm wide); all scaling is integer
/// arithmetic on minor units, in tenths of a unit. Grey bars with black outlines read in
/// grayscale; the chart carries its title as `<title>` and `aria-label`, and each bar a
/// `<title>` with its exact figure.
package struct BarChart: Sendable {
    /// One bar: its label beneath (and an optional second line), its value, and its caption.
    package struct Bar: Sendable {
        /// The first line under the bar (a date, a year, a name).
        package let label: String
        /// A second, smaller line under the bar (e.g. the year under a date), or nil.
        package let sublabel: String?
        /// The bar's height; a negative value is drawn as zero.
        package let value: Amount
        /// The bar's `<title>`: what a screen reader or a pointer shows.
        package let caption: String

        /// A bar of `value`, labelled `label` (and `sublabel`), captioned `caption`.
        package init(label: String, sublabel: String? = nil, value: Amount, caption: String) {
            self.label = label
            self.sublabel = sublabel
            self.value = value
            self.caption = caption
        }
    }

    let bars: [Bar]
    let currency: Currency
    let format: StatementFormat
    let title: String
    let axisTitle: String

    /// A chart titled `title` of `bars` in `currency`, its axis titled `axisTitle`.
    package init(bars: [Bar], currency: Currency, format: StatementFormat, title: String, axisTitle: String) {
        self.bars = bars
        self.currency = currency
        self.format = format
        self.title = title
        self.axisTitle = axisTitle
    }

    private static let width = 640
    private static let height = 250
    private static let left = 90
    private static let right = 630
    private static let top = 24
    private static let bottom = 200
    /// Above this many bars, not every bar gets a label and a value.
    private static let maxLabels = 12

    /// The `<svg>` element, or nil when there is nothing to draw.
    package var svg: String? {
        guard !bars.isEmpty else { return nil }
        let scale = ChartScale(maximum: bars.map { max(0, $0.value.minorUnits) }.max() ?? 0)
        let parts = ["<title>\(HTMLMarkup.escape(title))</title>", axisTitleText, grid(scale), drawnBars(scale), axes]
        return """
            <svg class="chart" viewBox="0 0 \(Self.width) \(Self.height)" \
            role="img" aria-label="\(HTMLMarkup.escape(title))" font-size="10">
            \(parts.joined(separator: "\n"))
            </svg>
            """
    }

    private var axisTitleText: String {
        "<text x=\"\(Self.left)\" y=\"12\" class=\"axis-title\">\(HTMLMarkup.escape(axisTitle))</text>"
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

    /// One bar per item, with its label beneath and, when there is room, its value above.
    private func drawnBars(_ scale: ChartScale) -> String {
        let slot = (Self.right - Self.left) * 10 / bars.count
        let barWidth = min(slot * 6 / 10, 600)
        let labelEvery = (bars.count + Self.maxLabels - 1) / Self.maxLabels
        return bars.enumerated().map { index, bar in
            let x = Self.left * 10 + slot * index + (slot - barWidth) / 2
            let barHeight = scale.tenths(max(0, bar.value.minorUnits), of: plotHeight)
            let centre = x + barWidth / 2
            var svg = """
                <rect class="bar" x="\(tenths(x))" y="\(tenths(Self.bottom * 10 - barHeight))" \
                width="\(tenths(barWidth))" height="\(tenths(barHeight))" fill="#8c8c8c" stroke="#000" \
                stroke-width="0.8"><title>\(HTMLMarkup.escape(bar.caption))</title></rect>
                """
            if index % labelEvery == 0 {
                svg += label(bar, centre: centre)
                if labelEvery == 1 { svg += valueLabel(bar.value, centre: centre, top: Self.bottom * 10 - barHeight) }
            }
            return svg
        }.joined(separator: "\n")
    }

    private func label(_ bar: Bar, centre: Int) -> String {
        let x = tenths(centre)
        let first = "<text x=\"\(x)\" y=\"\(Self.bottom + 14)\" text-anchor=\"middle\">\(HTMLMarkup.escape(bar.label))</text>"
        guard let sublabel = bar.sublabel else { return first }
        return first + "<text x=\"\(x)\" y=\"\(Self.bottom + 26)\" text-anchor=\"middle\" class=\"year\">\(HTMLMarkup.escape(sublabel))</text>"
    }

    private func valueLabel(_ value: Amount, centre: Int, top: Int) -> String {
        let figure = wholeUnits(value) ?? format.number(minorUnits: value.minorUnits, exponent: value.currency.exponent)
        return """
            <text x="\(tenths(centre))" y="\(tenths(top - 40))" text-anchor="middle" font-size="8">\
            \(HTMLMarkup.escape(figure))</text>
            """
    }

    private var plotHeight: Int { (Self.bottom - Self.top) * 10 }

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
