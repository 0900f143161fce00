import LedgerCore

/// The donor's receipts over time as an inline SVG bar chart (``BarChart``): one bar per
/// receipt, in date order, its height the receipt's value in the fund currency, its date and
/// year beneath, with a labelled value axis.
struct ReceiptsChart {
    let receipts: [DonorStatement.Money]
    let currency: Currency
    let format: StatementFormat
    let text: StatementText

    /// The `<svg>` element, or nil when there is nothing to draw.
    var svg: String? {
        let bars = receipts.map { receipt in
            BarChart.Bar(label: format.shortDate(receipt.date), sublabel: String(receipt.date.year), value: receipt.value,
                         caption: caption(receipt))
        }
        return BarChart(bars: bars, currency: currency, format: format, title: text.chart, axisTitle: text.valueIn(currency.code)).svg
    }

    /// "30 July 2026 · AGR-1 · USD 1,000.00".
    private func caption(_ receipt: DonorStatement.Money) -> String {
        "\(format.date(receipt.date)) · \(receipt.reference) · \(format.amount(receipt.value))"
    }
}
