extension VerifyPage {
    /// The page's style, inline: system fonts, dark text on light ground, a visible focus ring;
    /// the verdict is said in words and marks (✓, ✗), colour only repeats it.
    static let style = #"""
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #8a8a8a; --ok: #0b6b2b; --bad: #a4161a; --ground: #fff; --soft: #f3f4f6; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--ground); }
main, header, footer { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
p { margin: .5rem 0; }
label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
.help { color: var(--muted); font-size: .95rem; }
input[type=text], textarea { width: 100%; font: .9rem/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; padding: .5rem; border: 1px solid var(--line); border-radius: 4px; background: var(--ground); color: var(--ink); }
textarea { min-height: 6rem; resize: vertical; }
code, .key { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9rem; overflow-wrap: anywhere; }
button { font: inherit; font-weight: 600; padding: .5rem 1.25rem; margin-top: .75rem; border: 2px solid var(--ink); border-radius: 4px; background: var(--ink); color: var(--ground); cursor: pointer; }
button.secondary { background: var(--ground); color: var(--ink); padding: .25rem .75rem; font-weight: 500; }
:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
#drop { border: 2px dashed var(--line); border-radius: 6px; padding: 1.25rem; background: var(--soft); }
#drop.over { border-style: solid; border-color: var(--ink); }
#drop p { margin-top: 0; font-weight: 600; }
#result { font-size: 1.6rem; font-weight: 800; letter-spacing: .04em; padding: .75rem 1rem; border: 3px solid var(--line); border-radius: 6px; margin: .5rem 0; }
#result[data-state=accepted] { color: var(--ok); border-color: var(--ok); background: #e8f5ec; }
#result[data-state=rejected] { color: var(--bad); border-color: var(--bad); background: #fbeaea; }
#result[data-state=idle], #result[data-state=checking] { font-size: 1.1rem; font-weight: 600; color: var(--muted); }
#reason { font-size: 1.05rem; font-weight: 600; overflow-wrap: anywhere; }
#checks { padding-left: 0; list-style: none; }
#checks li { margin: .25rem 0; padding-left: 1.75rem; text-indent: -1.75rem; }
#checks .mark { display: inline-block; width: 1.75rem; text-indent: 0; font-weight: 800; }
#checks .ok .mark { color: var(--ok); }
#checks .failed { font-weight: 600; }
#checks .failed .mark { color: var(--bad); }
.hidden-text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: .5rem 0; }
th, td { border-bottom: 1px solid #d0d0d0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--line); }
td { font-variant-numeric: tabular-nums; }
#checked-figures td, #checked-figures thead th, #entry-postings td, #balance-leaves td { white-space: nowrap; }
#checked-figures { font-size: .88rem; }
footer { margin-top: 2.5rem; padding-bottom: 2rem; color: var(--muted); font-size: .92rem; border-top: 1px solid var(--line); }
@media print { #input-section, #key-section button, footer { display: none; } }
"""#
}
