// Interactive documentation of openapi.yaml with Swagger UI's bundled files (no network).
"use strict";

window.addEventListener("DOMContentLoaded", () => {
  const target = document.getElementById("swagger-ui");
  if (typeof window.SwaggerUIBundle !== "function") {
    target.textContent = "";
    const p = document.createElement("p");
    p.className = "docs-loading";
    p.append("Swagger UI's files are not installed here (the flask-swagger-ui package). "
      + "The contract itself is at ");
    const a = document.createElement("a");
    a.href = "openapi.yaml";
    a.textContent = "openapi.yaml";
    p.append(a, ".");
    target.append(p);
    return;
  }
  window.ui = window.SwaggerUIBundle({
    url: new URL("openapi.yaml", document.baseURI).toString(),
    domNode: target,
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    validatorUrl: null, // never ask an outside validator about the spec
    presets: [window.SwaggerUIBundle.presets.apis],
    plugins: [],
  });
});
