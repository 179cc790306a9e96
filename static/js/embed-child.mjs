// Inside an embedded page (partners app): tell the partner's page how tall we are, so its
// iframe fits our content. Messages go only to the partner's own origin(s), never to "*":
// the server lists the origins allowed to frame this page in <meta name="hys-embed-parent-origins">,
// and where the browser tells us who the parent is (location.ancestorOrigins), we send only there.

const meta = document.querySelector('meta[name="hys-embed-parent-origins"]');
const allowed = (meta ? meta.content : "").split(/\s+/).filter((origin) => origin && origin !== "'none'");

function targets() {
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length) {
    return allowed.filter((origin) => origin === ancestors[0]);
  }
  if (document.referrer) {
    try {
      const origin = new URL(document.referrer).origin;
      if (allowed.includes(origin)) {
        return [origin];
      }
    } catch {
      // an unreadable referrer: fall through to every allowed origin
    }
  }
  // The browser only delivers a message whose target origin matches the parent's.
  return allowed;
}

function contentHeight() {
  const main = document.querySelector("main") || document.body;
  const bottom = main.getBoundingClientRect().bottom + window.scrollY;
  const style = window.getComputedStyle(document.body);
  // A few pixels of slack so rounding never leaves a scroll bar inside the frame.
  return Math.ceil(bottom + parseFloat(style.marginBottom || "0") + parseFloat(style.paddingBottom || "0")) + 4;
}

let last = 0;
function report() {
  const height = contentHeight();
  if (Math.abs(height - last) < 2) {
    return;
  }
  last = height;
  for (const origin of targets()) {
    window.parent.postMessage({ type: "hys-embed:height", height }, origin);
  }
}

if (window.parent !== window && allowed.length) {
  report();
  if ("ResizeObserver" in window) {
    new ResizeObserver(report).observe(document.body);
  }
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
  // After posting the form, the new page starts at the top: bring the partner's page along.
  if (document.querySelector("[data-hys-focus-on-load], .hys-confirmation-panel")) {
    for (const origin of targets()) {
      window.parent.postMessage({ type: "hys-embed:scroll-into-view" }, origin);
    }
  }
}
