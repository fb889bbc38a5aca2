// Pilotage availability signal: follows the selected variant, first from the facts embedded at render time,
// then from the app proxy. Same rules as snippets/availability-signal-text.liquid. No dependencies.
(function () {
  'use strict';
  var ROOT = '[data-pilotage-availability]';

  function fmtDate(iso) {
    var lang = document.documentElement.lang || navigator.language || 'en';
    try {
      return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(iso + 'T12:00:00Z'));
    } catch (e) {
      return iso;
    }
  }

  function addDays(iso, days) {
    var t = iso ? Date.parse(iso + 'T12:00:00Z') : Date.now();
    return new Date(t + days * 86400000).toISOString().slice(0, 10);
  }

  function text(el, sig, backorder) {
    var d = el.dataset;
    var handling = Number(d.handlingDays) || 0;
    var show = (d.show || '').split(' ');
    var on = function (k) { return show.indexOf(k) !== -1; };
    if (!sig || sig.state === 'none' || !(sig.expires_at > Date.now() / 1000)) return '';
    if (sig.sold_out) {
      if (sig.state === 'back_soon' && backorder && on('ships_by') && sig.date) return d.tShipsBy.replace('%date%', fmtDate(addDays(sig.date, handling)));
      if (sig.state === 'back_soon' && on('back_soon') && sig.date) return d.tBackSoon.replace('%date%', fmtDate(sig.date));
      if (sig.state === 'sold_out' && on('back_soon')) return d.tSoldOut || '';
      return '';
    }
    if (sig.tracked === false) return on('in_stock') ? d.tInStock : '';
    var cover = sig.cover_days;
    var known = sig.confident && cover !== null && cover !== undefined;
    if (known && cover < Number(d.lowDays) && on('low_stock')) {
      return d.exact === 'true' && sig.units ? d.tLowStock.replace('987654', String(sig.units)) : d.tLowStockFew;
    }
    if (known && cover < Number(d.fastDays) && on('selling_fast')) return d.tSellingFast;
    if (on('ships_by')) return d.tShipsBy.replace('%date%', fmtDate(addDays(null, handling)));
    return on('in_stock') ? d.tInStock : '';
  }

  function paint(el, sig, backorder) {
    var t = text(el, sig, backorder);
    var span = el.querySelector('.pilotage-availability__text');
    if (span && span.textContent !== t) span.textContent = t;
    el.hidden = t === '';
    el.dataset.state = t === '' ? 'none' : sig.state;
  }

  function embedded(el) {
    if (el._signals) return el._signals;
    var node = el.querySelector('script[data-pilotage-signals]');
    try {
      el._signals = node ? JSON.parse(node.textContent) : {};
    } catch (e) {
      el._signals = {};
    }
    return el._signals;
  }

  function select(el, variantId) {
    if (!variantId || String(variantId) === el.dataset.variantId) return;
    el.dataset.variantId = String(variantId);
    var known = embedded(el)[variantId] || {};
    if (known.facts) paint(el, known.facts, known.backorder);
    if (!el.dataset.proxy || !window.fetch) return;
    fetch(el.dataset.proxy + '?variant=' + encodeURIComponent(variantId), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (fresh) {
        if (fresh && String(fresh.variant) === el.dataset.variantId) {
          embedded(el)[variantId] = { backorder: known.backorder, facts: fresh };
          paint(el, fresh, known.backorder);
        }
      })
      .catch(function () { /* keep the embedded value */ });
  }

  function selectAll(variantId) {
    document.querySelectorAll(ROOT).forEach(function (el) { select(el, variantId); });
  }

  function fromUrl() {
    var id = new URLSearchParams(window.location.search).get('variant');
    if (id) selectAll(id);
  }

  document.addEventListener('change', function (event) {
    var target = event.target;
    if (target && target.name === 'id' && target.value) selectAll(target.value);
    setTimeout(fromUrl, 0);
  });
  ['variant:change', 'variant:changed'].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var v = event.detail && (event.detail.variant || event.detail);
      if (v && v.id) selectAll(v.id);
    });
  });
  window.addEventListener('popstate', fromUrl);
  document.querySelectorAll(ROOT).forEach(function (el) {
    el.hidden = !el.querySelector('.pilotage-availability__text').textContent.trim();
  });
})();
