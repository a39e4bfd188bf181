// Blackout dashboard: plain JS, no build step. Routes live in the URL hash so every view can be shared:
//   #/  #/feeds  #/country/KP?from=2014-12-22&to=2014-12-24  #/as/131279  #/prefix/175.45.176.0/22  #/event/<id>
'use strict';
const $ = (sel, root = document) => root.querySelector(sel);
const main = $('#main');
const COLORS = { outage: 'rgba(220,38,38,0.18)', instability: 'rgba(217,119,6,0.14)', upstream: 'rgba(2,132,199,0.10)',
                 hijack: 'rgba(192,38,211,0.16)', feed: 'rgba(107,114,128,0.10)' };

function esc(s) { return String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }
function utc(t) { if (t == null) return '—'; const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t); return d.toISOString().slice(0, 16).replace('T', ' ') + 'Z'; }
function secs(iso) { return iso == null ? null : Math.round(Date.parse(iso) / 1000); }
function duration(s) {
  const m = Math.floor(s / 60), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), min = m % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return min > 0 ? `${h} h ${min} min` : `${h} h`;
  return `${min} min`;
}
function num(v) { return v >= 100 ? Math.round(v).toLocaleString('en') : String(Math.round(v * 100) / 100); }
function entityHref(id) { const i = id.indexOf(':'); return `#/${id.slice(0, i)}/${id.slice(i + 1)}`; }
function tag(type) { return `<span class="tag ${esc(type)}">${esc(type)}</span>`; }

async function api(path) {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => ({ message: r.statusText }));
  if (!r.ok) throw new Error(body.message || `HTTP ${r.status}`);
  return body;
}

function parseHash() {
  const h = location.hash.replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const path = q < 0 ? h : h.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : h.slice(q + 1));
  return { path, params };
}

async function route() {
  const { path, params } = parseHash();
  try {
    if (path === '' ) await overview();
    else if (path === 'feeds') await feeds();
    else if (path.startsWith('event/')) await eventPage(path.slice(6));
    else if (/^(country|as|prefix)\//.test(path)) {
      const i = path.indexOf('/');
      await entityPage(path.slice(0, i) + ':' + decodeURIComponent(path.slice(i + 1)), params);
    } else main.innerHTML = `<p class="error">No such page: ${esc(path)}</p>`;
  } catch (e) {
    main.innerHTML = `<p class="error">${esc(e.message)}</p>`;
  }
}

function eventRow(e) {
  const end = e.open ? '<span class="open">open</span>' : utc(e.lowered);
  const dur = e.duration_s != null ? duration(e.duration_s) : '';
  return `<tr><td>${tag(e.type)}</td><td><a href="${entityHref(e.entity)}">${esc(e.entity)}</a></td><td>${utc(e.first_evidence)}</td>
    <td>${end}</td><td class="num">${esc(dur)}</td><td><a href="#/event/${esc(e.id)}">${esc(e.summary || 'details')}</a></td></tr>`;
}
const EVENT_HEAD = '<tr><th>type</th><th>entity</th><th>start</th><th>end</th><th class="num">duration</th><th></th></tr>';

async function overview() {
  const [o, f] = await Promise.all([api('api/overview'), api('api/feeds?limit=20')]);
  const dropped = o.largest_drops.filter(d => d.ratio < 0.995);
  const drops = dropped.map(d => `<tr><td><a href="${entityHref(d.entity)}">${esc(d.entity)}</a></td><td>${esc(d.name || '')}</td>
      <td class="num">${num(d.visible_slash24)} / ${num(d.max_24h)}</td><td style="width:35%"><div class="bar" style="width:${Math.round(d.ratio * 100)}%"></div></td>
      <td class="num">${Math.round(d.ratio * 100)}%</td></tr>`).join('');
  // upstream events are mostly informational (a single upstream lasts for ever): listed compactly
  const serious = o.open_events.filter(e => e.type !== 'upstream'), upstream = o.open_events.filter(e => e.type === 'upstream');
  main.innerHTML = `<h1>Overview</h1><p class="muted">Data up to ${utc(o.last_bin)}. Feeds: ${f.summary.up} of ${f.summary.peers} peers up,
      ${f.summary.full_feed} full-feed, ${f.summary.stale} stale (<a href="#/feeds">details</a>).</p>
    <div class="card"><h2>Open events (${serious.length})</h2>${serious.length ? `<table id="open-events">${EVENT_HEAD}${serious.map(eventRow).join('')}</table>` : '<p class="muted">None: nothing is down.</p>'}
      ${upstream.length ? `<p class="muted" id="open-upstream">Upstream dependencies (${upstream.length}): ${upstream.map(e => `<a href="#/event/${esc(e.id)}" title="${esc(e.summary || '')}">${esc(e.entity)}</a>`).join(', ')}</p>` : ''}</div>
    <h2>Countries with the largest drops (latest bin vs. 24 h maximum)</h2><table id="drops"><tr><th>country</th><th>name</th><th class="num">visible /24s</th><th>share</th><th></th></tr>${drops || '<tr><td colspan="5" class="muted">No country is below its 24 h maximum.</td></tr>'}</table>
    <h2>Recent events</h2><table id="recent-events">${EVENT_HEAD}${o.recent_events.map(eventRow).join('')}</table>`;
}

async function feeds() {
  const f = await api('api/feeds?limit=200');
  main.innerHTML = `<h1>Feed health</h1><p>${f.summary.up} of ${f.summary.peers} peers up, ${f.summary.full_feed} full-feed, ${f.summary.stale} stale. Ingest: ${esc(f.ingest || '')}</p>
    <table id="peers"><tr><th>collector</th><th>peer</th><th>AS</th><th class="num">routes</th><th>full feed</th><th>state</th><th>last change</th></tr>
    ${f.peers.map(p => `<tr><td>${esc(p.collector)}</td><td class="mono">${esc(p.address)}</td><td><a href="#/as/${p.asn}">AS${p.asn}</a></td><td class="num">${p.routes}</td>
      <td>${p.full_feed ? 'yes' : 'no'}</td><td class="${p.state === 'up' ? 'closed' : 'open'}">${esc(p.state)}</td><td>${utc(p.last_change)}</td></tr>`).join('')}</table>
    <h2>Feed events</h2><table><tr><th>time</th><th>collector</th><th>peer</th><th>kind</th><th class="num">routes</th></tr>
    ${f.feed_events.map(e => `<tr><td>${utc(e.time)}</td><td>${esc(e.collector)}</td><td class="mono">${esc(e.peer)} AS${e.asn}</td><td>${esc(e.kind)}</td><td class="num">${e.routes}</td></tr>`).join('')}</table>`;
}

// ---- plots

const plots = [];
function clearPlots() { while (plots.length) plots.pop().destroy(); }

/** Event bands behind the series: [start, end] shaded per type, open events run to the right edge. */
function bandsPlugin(events) {
  return { hooks: { drawClear: u => {
    const ctx = u.ctx, { left, top, width, height } = u.bbox;
    ctx.save();
    for (const e of events) {
      const x0 = u.valToPos(secs(e.first_evidence), 'x', true);
      const x1 = e.lowered ? u.valToPos(secs(e.lowered), 'x', true) : left + width;
      const a = Math.max(left, Math.min(x0, x1)), b = Math.min(left + width, Math.max(x0, x1));
      if (b <= a) continue;
      ctx.fillStyle = COLORS[e.type] || COLORS.feed;
      ctx.fillRect(a, top, Math.max(1, b - a), height);
    }
    ctx.restore();
  } } };
}

function plot(el, title, t, series, events, sync) {
  const width = Math.max(320, el.clientWidth - 10);
  const opts = {
    title, width, height: 190, cursor: { sync: { key: sync } }, plugins: [bandsPlugin(events)],
    scales: { x: { time: true } }, tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    series: [{ value: (u, v) => v == null ? '' : utc(v) }, ...series.map(s => ({ label: s.label, stroke: s.color, width: 1.5, fill: s.fill }))],
    axes: [{ values: (u, splits) => splits.map(v => { const d = new Date(v * 1000).toISOString();
      return d.slice(11, 16) === '00:00' ? d.slice(5, 10) : d.slice(11, 16); }) }, { size: 55 }],
  };
  const u = new uPlot(opts, [t, ...series.map(s => s.data)], el);
  plots.push(u);
  return u;
}

function rangeLinks(base, params, lastBin) {
  const spans = [['1d', 1], ['7d', 7], ['30d', 30]];
  return spans.map(([label, days]) => {
    const to = lastBin + 300, from = to - days * 86400;
    const p = new URLSearchParams(params); p.set('from', new Date(from * 1000).toISOString().slice(0, 19) + 'Z'); p.set('to', new Date(to * 1000).toISOString().slice(0, 19) + 'Z');
    return `<a href="${base}?${p}">${label}</a>`;
  }).join('');
}

async function entityPage(id, params) {
  clearPlots();
  const health = await api('health');
  const lastBin = secs(health.last_bin) ?? Math.floor(Date.now() / 1000);
  const to = params.get('to') || new Date((lastBin + 300) * 1000).toISOString().slice(0, 19) + 'Z';
  const from = params.get('from') || new Date((secs(to) - 7 * 86400) * 1000).toISOString().slice(0, 19) + 'Z';
  const q = new URLSearchParams({ entity: id, from, to });
  if (params.get('bin')) q.set('bin', params.get('bin'));
  const [info, tl, ev] = await Promise.all([
    api('api/entities/' + id).catch(() => ({ id, name: '' })),
    api('api/signals?' + q),
    api('api/events?' + new URLSearchParams({ entity: id, from, to, limit: '200' })),
  ]);
  const events = ev.events.filter(e => e.type !== 'feed');
  const base = entityHref(id);
  const ups = Object.entries(tl.upstreams || {}).sort((a, b) => b[1] - a[1]);
  main.innerHTML = `<h1>${esc(id)} <span class="muted">${esc(info.name || '')}</span></h1>
    <div class="controls">Range: ${rangeLinks(base, params, lastBin)} <span class="muted">${utc(tl.from)} → ${utc(tl.to)}, ${tl.count} bins of ${duration(tl.bin_seconds)}</span></div>
    <ul class="bands" id="event-bands">${events.map(e => `<li data-type="${esc(e.type)}" data-id="${esc(e.id)}">${tag(e.type)}
      <a href="#/event/${esc(e.id)}">${utc(e.first_evidence)} → ${e.open ? '<span class="open">still open</span>' : utc(e.lowered)}</a>
      · <span class="duration">${e.open ? 'open for ' : ''}${duration(e.duration_s ?? 0)}</span>${e.open ? '' : (e.type === 'outage' ? ' · restored' : ' · ended')}
      <span class="muted">${esc(e.summary || '')}</span></li>`).join('') || '<li class="muted">No events in this range.</li>'}</ul>
    <div class="plot" id="plot-visibility"></div><div class="plot" id="plot-peers"></div><div class="plot" id="plot-churn"></div>
    <div class="grid"><div class="card"><h2>Upstreams (latest bin)</h2><table id="upstreams"><tr><th>AS</th><th>share of paths</th><th class="num"></th></tr>
      ${ups.map(([asn, share]) => `<tr><td><a href="#/as/${asn}">AS${asn}</a></td><td style="width:60%"><div class="bar" style="width:${Math.round(share * 100)}%"></div></td><td class="num">${Math.round(share * 100)}%</td></tr>`).join('') || '<tr><td colspan="3" class="muted">none</td></tr>'}</table>
      <p class="muted">${tl.upstream_changes.length} upstream mix change(s) in range.</p></div></div>`;
  plot($('#plot-visibility'), 'Visible address space (/24s)', tl.t, [{ label: 'visible /24s', color: '#2563eb', fill: 'rgba(37,99,235,0.08)', data: tl.visible_slash24 }], events, 'e');
  plot($('#plot-peers'), 'Full-feed peers seeing it', tl.t, [
    { label: 'peers seeing', color: '#059669', data: tl.peers_seeing }, { label: 'full-feed peers', color: '#9ca3af', data: tl.full_feed_peers }], events, 'e');
  plot($('#plot-churn'), 'Churn (updates per bin)', tl.t, [
    { label: 'announcements', color: '#d97706', data: tl.announcements }, { label: 'withdrawals', color: '#dc2626', data: tl.withdrawals }], events, 'e');
  document.title = `${id} · Blackout`;
}

async function eventPage(id) {
  clearPlots();
  const e = await api('api/events/' + id);
  const start = secs(e.first_evidence), end = e.lowered ? secs(e.lowered) : secs(e.raised) + (e.duration_s || 0);
  const pad = Math.max(6 * 3600, Math.round((end - start) / 2));
  const q = new URLSearchParams({ entity: e.entity, from: String(start - pad - (start - pad) % 300), to: String(end + pad) });
  const tl = await api('api/signals?' + q);
  const x = e.extent || {}, u = e.upstreams || {};
  main.innerHTML = `<h1>${tag(e.type)} <a href="${entityHref(e.entity)}">${esc(e.entity)}</a></h1>
    <p>${esc(e.summary || '')}</p>
    <table id="event-facts">
      <tr><th>first evidence</th><td>${utc(e.first_evidence)}</td><th>raised</th><td>${utc(e.raised)}</td></tr>
      <tr><th>lowered</th><td>${e.open ? '<span class="open">open</span>' : utc(e.lowered)}</td><th>duration</th><td class="duration">${duration(e.duration_s || 0)}</td></tr>
      <tr><th>severity</th><td>${Number(e.severity).toFixed(2)}</td><th>depth</th><td>${Math.round((e.depth || 0) * 100)}%</td></tr>
      <tr><th>extent</th><td colspan="3">${x.prefixes ?? 0} prefixes, ${x.slash24 ?? 0} /24s, ${x.addresses ?? 0} addresses; ${x.peers_agreeing ?? 0} of ${x.full_feed_peers ?? 0} full-feed peers agree</td></tr>
      <tr><th>upstreams</th><td colspan="3">before: ${(u.before || []).map(a => `<a href="#/as/${a}">AS${a}</a>`).join(', ') || '—'}; during: ${(u.during || []).map(a => `<a href="#/as/${a}">AS${a}</a>`).join(', ') || '—'}</td></tr>
      <tr><th>pattern</th><td colspan="3">${(e.pattern || []).map(p => `<span class="tag">${esc(p)}</span>`).join(' ') || '—'}</td></tr>
    </table>
    <div class="plot" id="plot-event"></div>
    <h2>Evidence</h2><table id="evidence"><tr><th>time</th><th>collector</th><th>peer</th><th>kind</th><th>prefix</th><th>AS path</th></tr>
    ${(e.evidence || []).map(v => `<tr><td>${utc(v.time)}</td><td>${esc(v.collector)}</td><td class="mono">${esc(v.peer)} AS${v.peer_as}</td><td>${esc(v.kind)}</td><td class="mono">${esc(v.prefix)}</td><td class="mono">${esc(v.as_path)}</td></tr>`).join('')}</table>`;
  plot($('#plot-event'), 'Visible address space (/24s)', tl.t, [{ label: 'visible /24s', color: '#2563eb', fill: 'rgba(37,99,235,0.08)', data: tl.visible_slash24 }], [e], 'ev');
  document.title = `${e.type} ${e.entity} · Blackout`;
}

// ---- search

let searchTimer;
$('#q').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const q = $('#q').value.trim();
    if (!q) { $('#suggest').innerHTML = ''; return; }
    try {
      const r = await api('api/entities?' + new URLSearchParams({ q, limit: '10' }));
      $('#suggest').innerHTML = r.entities.map(e => `<a href="${entityHref(e.id)}">${esc(e.id)} <span class="muted">${esc(e.name)}</span></a>`).join('');
    } catch (e) { $('#suggest').innerHTML = ''; }
  }, 150);
});
$('#search').addEventListener('submit', ev => { ev.preventDefault(); const a = $('#suggest a'); if (a) location.hash = a.getAttribute('href'); });
document.addEventListener('click', ev => { if (!ev.target.closest('#search')) $('#suggest').innerHTML = ''; });

async function footer() {
  try { const h = await api('health'); $('#health').textContent = `Data ${utc(h.first_bin)} → ${utc(h.last_bin)}; ingest: ${h.ingest || 'n/a'}; store: ${h.store}`; }
  catch (e) { $('#health').textContent = e.message; }
}

window.addEventListener('hashchange', route);
route();
footer();
