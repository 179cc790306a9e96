// NHS.UK frontend's components (header menu, character counts, error summary focus, ...).
import { initAll } from "/static/dist/nhsuk/nhsuk-frontend.min.js";

initAll();
