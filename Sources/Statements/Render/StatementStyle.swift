/// The statement's inline style sheet: A4 with 18 mm margins (174 mm of content), black on
/// white, system fonts only, rows and figures that never split across pages.
package enum StatementStyle {
    package static let css = """
        @page { size: A4; margin: 18mm; }
        @page { @bottom-right { content: counter(page) " / " counter(pages); font-size: 7pt; font-family: sans-serif; } }
        * { box-sizing: border-box; }
        html { background: #fff; color: #000; }
        body {
          margin: 0 auto; max-width: 174mm; font-size: 9pt; line-height: 1.35;
          font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
          -webkit-print-color-adjust: exact; print-color-adjust: exact;
        }
        @media screen { body { padding: 12mm 0; } }
        header.title { border-bottom: 1.5pt solid #000; padding-bottom: 3mm; margin-bottom: 4mm; }
        .fund { margin: 0; font-size: 10pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.04em; }
        h1 { margin: 1mm 0 3mm; font-size: 18pt; }
        h2 { margin: 6mm 0 2mm; font-size: 11pt; border-bottom: 0.5pt solid #000; padding-bottom: 1mm; break-after: avoid; page-break-after: avoid; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.8mm 5mm; margin: 0; }
        dl.facts dt { font-weight: bold; }
        dl.facts dd { margin: 0; }
        .banner { border: 2pt solid #000; padding: 2.5mm 3mm; margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
        .banner strong { display: block; font-size: 14pt; letter-spacing: 0.15em; }
        .audited { border-left: 2pt solid #000; padding-left: 3mm; margin: 0 0 4mm; }
        table { width: 100%; border-collapse: collapse; margin: 0 0 2mm; font-size: 8pt; }
        thead { display: table-header-group; }
        tfoot { display: table-row-group; font-weight: bold; }
        tfoot td { border-top: 1pt solid #000; }
        tr, figure, section.verify, section.fund-use { break-inside: avoid; page-break-inside: avoid; }
        th { text-align: left; font-weight: bold; border-bottom: 1pt solid #000; }
        th, td { padding: 1mm 1.2mm; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
        td { border-bottom: 0.3pt solid #777; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .fix { white-space: nowrap; }
        .fund-use td:first-child { width: 70%; }
        .note, .empty { font-style: italic; margin: 1mm 0 2mm; }
        figure { margin: 0; }
        svg.chart { display: block; width: 100%; max-width: 174mm; height: auto; font-family: inherit; }
        svg.chart .year { fill: #444; font-size: 8px; }
        svg.chart .axis-title { font-weight: bold; }
        pre { margin: 1mm 0; padding: 1.5mm 2mm; border: 0.5pt solid #000; white-space: pre-wrap; overflow-wrap: anywhere; }
        code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 8pt; }
        .root code { overflow-wrap: anywhere; }
        """
}
