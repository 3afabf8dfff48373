/**
 * The simulated Outlook compose window (HTML served by the simulator): ribbon with Send and the add-in's button,
 * To/Cc/Bcc, subject, attachments and body, the task pane on the right, and the Smart Alerts dialog. It renders
 * what the simulator in Node tells it, forwards clicks to it, and runs the event runtime as a Web Worker. The body
 * frame runs no script; it keeps the page's origin so images in the body (an organization's logo on the notice,
 * served by the backend on loopback) load as they would in a mail client.
 */
export function hostPageHtml(options: { displayName: string; buttonLabel: string }): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>New message - Outlook (host simulator)</title><style>
*{box-sizing:border-box}body{margin:0;font:14px "Segoe UI",system-ui,sans-serif;color:#242424;background:#f5f5f5;height:100vh;display:flex;flex-direction:column}
.titlebar{background:#0f6cbd;color:#fff;padding:8px 16px;display:flex;justify-content:space-between;font-weight:600}
.titlebar small{font-weight:400;opacity:.85}
.ribbon{background:#fff;border-bottom:1px solid #e0e0e0;padding:8px 16px;display:flex;gap:16px;align-items:center}
.ribbon button{font:inherit;border:1px solid #d1d1d1;background:#fff;border-radius:4px;padding:6px 14px;cursor:pointer}
.ribbon .send{background:#0f6cbd;color:#fff;border-color:#0f6cbd;font-weight:600;padding:6px 22px}
.group{display:flex;align-items:center;gap:8px;border-left:1px solid #e0e0e0;padding-left:16px}.group span{color:#616161;font-size:12px}
.main{flex:1;display:flex;min-height:0}.compose{flex:1;display:flex;flex-direction:column;background:#fff;margin:12px;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.12);min-width:0}
.line{display:flex;align-items:center;gap:8px;padding:8px 16px;border-bottom:1px solid #f0f0f0;min-height:40px}.line label{width:60px;color:#616161}
.chip{display:inline-block;background:#ebf3fc;border-radius:12px;padding:2px 10px;margin:2px 4px 2px 0;font-size:13px}.chip.dl{background:#fdf3e7}
.attachments{padding:6px 16px;display:flex;gap:8px;flex-wrap:wrap}.attachment{border:1px solid #d1d1d1;border-radius:4px;padding:4px 10px;font-size:13px}
#body{flex:1;border:0;width:100%;min-height:200px}
.banner{margin:8px 16px;padding:8px 12px;border-radius:4px;background:#f1faf1;color:#0e700e;font-weight:600}
aside{width:360px;display:flex;flex-direction:column;background:#fff;margin:12px 12px 12px 0;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.12);overflow:hidden}
.pane-head{display:flex;justify-content:space-between;align-items:center;padding:6px 12px;border-bottom:1px solid #e0e0e0;font-weight:600}
.pane-head button{border:0;background:none;font-size:18px;cursor:pointer}#pane-frame{flex:1;border:0;width:100%}
.overlay{position:fixed;inset:0;background:rgba(0,0,0,.4);display:flex;align-items:center;justify-content:center}
.dialog{background:#fff;border-radius:8px;width:480px;padding:24px;box-shadow:0 8px 32px rgba(0,0,0,.3)}
.dialog h2{margin:0 0 4px;font-size:18px}.dialog .from{color:#616161;font-size:12px;margin:0 0 16px}.dialog p.msg{white-space:pre-wrap;line-height:1.45}
.dialog .actions{display:flex;justify-content:flex-end;gap:8px;margin-top:20px}
.dialog button{font:inherit;border:1px solid #d1d1d1;background:#fff;border-radius:4px;padding:6px 16px;cursor:pointer}.dialog button.primary{background:#0f6cbd;color:#fff;border-color:#0f6cbd}
[hidden]{display:none!important}
</style></head><body>
<header class="titlebar"><span>Outlook · New message</span><small>Outlook host simulator (tests)</small></header>
<div class="ribbon"><button id="send" class="send">Send</button>
<div class="group"><span>${esc(options.displayName)}</span><button id="addin-button">${esc(options.buttonLabel)}</button></div></div>
<div class="main"><section class="compose">
<div class="line"><label>To</label><div id="to"></div></div><div class="line"><label>Cc</label><div id="cc"></div></div>
<div class="line"><label>Bcc</label><div id="bcc"></div></div><div class="line"><label>Subject</label><div id="subject"></div></div>
<div class="attachments" id="attachments"></div><div id="status" class="banner" hidden></div>
<iframe id="body" sandbox="allow-same-origin" title="Message body"></iframe></section>
<aside id="pane" hidden><div class="pane-head"><span>${esc(options.displayName)}</span><button id="close-pane" aria-label="Close">×</button></div>
<iframe id="pane-frame" title="${esc(options.displayName)} task pane"></iframe></aside></div>
<div id="alert" class="overlay" hidden><div class="dialog" role="dialog" aria-modal="true" aria-labelledby="alert-title">
<h2 id="alert-title">Before you send</h2><p class="from">${esc(options.displayName)} stopped this message.</p><p class="msg" id="alert-message"></p>
<div class="actions"><button id="alert-command" class="primary"></button><button id="alert-dismiss">Don't send</button></div></div></div>
<script>
const call = (op, args = {}) => window.__outlookHost({ context: 'host', op, args });
document.getElementById('send').onclick = () => call('ui.send');
document.getElementById('addin-button').onclick = () => call('ui.openPane');
document.getElementById('close-pane').onclick = () => call('ui.closePane');
document.getElementById('alert-command').onclick = () => call('ui.alertCommand');
document.getElementById('alert-dismiss').onclick = () => call('ui.alertDismiss');
const chips = (list) => list.map((r) => '<span class="chip' + (r.emailAddress && r.recipientType !== 'distributionList' ? '' : ' dl') + '"></span>').join('');
function fill(id, list) {
  const el = document.getElementById(id);
  el.innerHTML = chips(list);
  [...el.children].forEach((chip, i) => { const r = list[i]; chip.textContent = r.emailAddress ? (r.displayName ? r.displayName + ' <' + r.emailAddress + '>' : r.emailAddress) : r.displayName + ' (group)'; });
}
window.__simRender = (s) => {
  fill('to', s.item.to); fill('cc', s.item.cc); fill('bcc', s.item.bcc);
  document.getElementById('subject').textContent = s.item.subject;
  const att = document.getElementById('attachments');
  att.replaceChildren(...s.item.attachments.map((a) => { const d = document.createElement('span'); d.className = 'attachment'; d.textContent = 'Attachment: ' + a.name + ' (' + a.size + ' bytes)'; return d; }));
  const body = document.getElementById('body');
  if (body.srcdoc !== s.item.bodyHtml) body.srcdoc = s.item.bodyHtml;
  const status = document.getElementById('status');
  status.hidden = !s.status; status.textContent = s.status || '';
  const alert = document.getElementById('alert');
  alert.hidden = !s.alert;
  if (s.alert) {
    document.getElementById('alert-message').textContent = s.alert.errorMessage;
    const button = document.getElementById('alert-command');
    button.hidden = !s.alert.cancelLabel; button.textContent = s.alert.cancelLabel || '';
  }
};
window.__simOpenPane = (url) => { const f = document.getElementById('pane-frame'); document.getElementById('pane').hidden = false; if (f.src !== url) f.src = url; };
window.__simClosePane = () => { document.getElementById('pane').hidden = true; document.getElementById('pane-frame').removeAttribute('src'); };
window.__simOpenDialog = (url, width, height) => { window.open(url, 'office-dialog', 'popup,width=' + width + ',height=' + height); };
let runtime = null;
window.__simStartRuntime = (code) => {
  runtime = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  runtime.onmessage = async (e) => {
    if (e.data.kind !== 'host-call') return;
    const answer = await window.__outlookHost(e.data.call);
    runtime.postMessage({ kind: 'host-answer', id: e.data.id, answer });
  };
  runtime.onerror = (e) => call('violation', { message: 'the event runtime failed: ' + e.message });
};
window.__simLaunch = (eventId, functionName, type, args) => runtime.postMessage({ kind: 'launch', eventId, functionName, type, args });
</script></body></html>`;
}
