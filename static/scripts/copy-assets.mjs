// Copies NHS.UK frontend's JavaScript and images into static/dist/ (generated, git-ignored).
import { cpSync, mkdirSync } from "node:fs";

const src = "node_modules/nhsuk-frontend/dist/nhsuk";
mkdirSync("static/dist/nhsuk", { recursive: true });
cpSync(`${src}/nhsuk-frontend.min.js`, "static/dist/nhsuk/nhsuk-frontend.min.js");
cpSync(`${src}/assets`, "static/dist/nhsuk/assets", { recursive: true });
