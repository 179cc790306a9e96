// Response form: focus the error summary, reveal conditional questions, fetch a reCAPTCHA v3 token.
// Everything works without it: the server enforces conditions and spam checks by itself.

const summary = document.querySelector("[data-hys-focus-on-load]");
if (summary) {
  summary.focus();
}

const form = document.querySelector("[data-hys-response-form]");
if (form) {
  const dependents = form.querySelectorAll("[data-hys-show-if]");
  const update = () => {
    dependents.forEach((group) => {
      const key = group.dataset.hysShowIf;
      const wanted = group.dataset.hysShowValue;
      const controls = form.querySelectorAll(`[name="${CSS.escape(key)}"]`);
      if (!controls.length) {
        group.hidden = false;
        return;
      }
      let shown = false;
      controls.forEach((control) => {
        if ((control.type === "radio" || control.type === "checkbox") ? control.checked && control.value === wanted : control.value === wanted) {
          shown = true;
        }
      });
      group.hidden = !shown;
    });
  };
  form.addEventListener("change", update);
  update();
}

const token = document.querySelector("[data-hys-recaptcha-key]");
if (token) {
  const key = token.dataset.hysRecaptchaKey;
  const script = document.createElement("script");
  script.src = `https://www.google.com/recaptcha/api.js?render=${encodeURIComponent(key)}`;
  script.addEventListener("load", () => {
    window.grecaptcha.ready(() => {
      window.grecaptcha.execute(key, { action: "respond" }).then((value) => {
        token.value = value;
      });
    });
  });
  document.head.appendChild(script);
}
