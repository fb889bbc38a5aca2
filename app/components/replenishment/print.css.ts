// Styles of the printable purchase order: a plain document on screen, and on paper no navigation or controls.
export const PURCHASE_ORDER_CSS = `
.po-doc { background: #fff; color: #1a1a1a; max-width: 960px; margin: 16px auto; padding: 32px; border-radius: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.12); font-size: 14px; }
.po-doc h1 { font-size: 24px; margin: 0 0 4px; }
.po-doc .po-meta { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 20px 0; }
.po-doc .po-meta dt { color: #616161; font-size: 12px; }
.po-doc .po-meta dd { margin: 2px 0 0; font-weight: 600; }
.po-doc table { width: 100%; border-collapse: collapse; }
.po-doc th, .po-doc td { text-align: left; padding: 8px 6px; border-bottom: 1px solid #e3e3e3; }
.po-doc th { font-size: 12px; color: #616161; text-transform: uppercase; letter-spacing: .03em; }
.po-doc td.num, .po-doc th.num { text-align: right; font-variant-numeric: tabular-nums; }
.po-doc tfoot td { font-weight: 700; border-bottom: none; }
.po-screen { max-width: 960px; margin: 16px auto; }
@media print {
  @page { margin: 16mm; }
  .pilotage-demo-nav, .po-screen-only, ui-nav-menu, ui-title-bar { display: none !important; }
  body, .Polaris-Frame, .Polaris-Page { background: #fff !important; }
  .po-doc { box-shadow: none; margin: 0; padding: 0; max-width: none; }
}
`;
