// The purchase order is a Polaris page on screen; on paper, no navigation, buttons or receiving form.
export const PURCHASE_ORDER_CSS = `
@media print {
  @page { margin: 16mm; }
  .pilotage-demo-nav, .po-screen-only, ui-nav-menu, ui-title-bar, .Polaris-Page-Header__RightAlign, .Polaris-Page-Header__BreadcrumbWrapper, .Polaris-Banner { display: none !important; }
  body, .Polaris-Frame, .Polaris-Page { background: #fff !important; }
  .po-doc .Polaris-ShadowBevel { box-shadow: none !important; }
}
`;
