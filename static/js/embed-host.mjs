// For partners' pages: sizes our embedded consultations (iframe[data-hys-embed]) to their content.
// Include once per page:  <script type="module" src="https://OUR-SITE/static/js/embed-host.mjs"></script>
// Only messages from our own origin (where this script was loaded from), of the expected shape,
// and from one of the page's iframes are acted on.

const OUR_ORIGIN = new URL(import.meta.url).origin;
const MIN_HEIGHT = 150;
const MAX_HEIGHT = 20000;

function frameFor(source) {
  for (const frame of document.querySelectorAll("iframe[data-hys-embed]")) {
    if (frame.contentWindow === source) {
      return frame;
    }
  }
  return null;
}

window.addEventListener("message", (event) => {
  if (event.origin !== OUR_ORIGIN) {
    return;
  }
  const data = event.data;
  if (!data || typeof data !== "object" || typeof data.type !== "string") {
    return;
  }
  const frame = frameFor(event.source);
  if (!frame) {
    return;
  }
  if (data.type === "hys-embed:height" && Number.isFinite(data.height)) {
    const height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.round(data.height)));
    frame.setAttribute("height", String(height));
    frame.dataset.hysResized = "true";
  } else if (data.type === "hys-embed:scroll-into-view") {
    const top = frame.getBoundingClientRect().top;
    if (top < 0) {
      frame.scrollIntoView({ block: "start" });
    }
  }
});
