/**
 * `/docs`: a self-contained page (no external assets) that reads
 * `/openapi.json` and renders every operation with its parameters, body schema
 * and a try-it form (bearer token kept in sessionStorage for writes).
 */
export const DOCS_PAGE = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tranche API</title>
<style>
  :root { --fg:#1b2330; --muted:#5b6675; --line:#d9dee5; --bg:#f6f7f9; --accent:#1f5fa8; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
  header { background:#14233a; color:#fff; padding:14px 24px; display:flex; gap:24px; align-items:center; flex-wrap:wrap; }
  header h1 { font-size:18px; margin:0; }
  header label { font-size:13px; color:#c8d3e2; }
  header input { width:280px; padding:4px 6px; border-radius:4px; border:1px solid #49607e; background:#1d3150; color:#fff; }
  main { max-width:1100px; margin:0 auto; padding:16px 24px 60px; }
  h2 { font-size:16px; margin:28px 0 8px; border-bottom:1px solid var(--line); padding-bottom:4px; }
  details.op { background:#fff; border:1px solid var(--line); border-radius:6px; margin:8px 0; }
  details.op > summary { cursor:pointer; padding:8px 12px; display:flex; gap:12px; align-items:center; list-style:none; }
  details.op > summary::-webkit-details-marker { display:none; }
  .m { font:600 12px ui-monospace, monospace; padding:2px 8px; border-radius:4px; color:#fff; min-width:56px; text-align:center; }
  .GET { background:#2f7d4f; } .POST { background:#1f5fa8; } .PUT { background:#8a5a00; } .DELETE { background:#a8321f; }
  .path { font:13px ui-monospace, monospace; }
  .sum { color:var(--muted); }
  .lock { margin-left:auto; font-size:12px; color:#8a5a00; }
  .body { padding:4px 16px 16px; border-top:1px solid var(--line); }
  table { border-collapse:collapse; width:100%; margin:6px 0; }
  td, th { text-align:left; padding:4px 6px; border-bottom:1px solid var(--line); vertical-align:top; font-size:13px; }
  code, pre, textarea { font:12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
  pre { background:#f0f2f5; padding:8px; border-radius:4px; overflow:auto; max-height:360px; margin:6px 0; }
  textarea { width:100%; min-height:110px; padding:6px; border:1px solid var(--line); border-radius:4px; }
  input.param { padding:3px 6px; border:1px solid var(--line); border-radius:4px; width:100%; }
  button { background:var(--accent); color:#fff; border:0; border-radius:4px; padding:6px 14px; cursor:pointer; }
  button:disabled { opacity:.6; }
  .status { font-weight:600; margin-left:10px; }
  .ok { color:#2f7d4f; } .bad { color:#a8321f; }
  .muted { color:var(--muted); }
</style>
</head>
<body>
<header>
  <h1>Tranche API</h1>
  <span id="version" class="muted"></span>
  <label>Bearer token (writes only) <input id="token" type="password" autocomplete="off" placeholder="TRANCHE_API_TOKEN"></label>
  <a href="/openapi.json" style="color:#c8d3e2">openapi.json</a>
  <a href="/" style="color:#c8d3e2">workbench</a>
</header>
<main id="main"><p class="muted">Loading /openapi.json…</p></main>
<script>
(function () {
  "use strict";
  var tokenInput = document.getElementById("token");
  tokenInput.value = sessionStorage.getItem("tranche-token") || "";
  tokenInput.addEventListener("input", function () { sessionStorage.setItem("tranche-token", tokenInput.value); });

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "className") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function resolve(doc, schema) {
    if (schema && schema.$ref) {
      var id = schema.$ref.split("/").pop();
      return { id: id, schema: doc.components.schemas[id] };
    }
    return { id: null, schema: schema };
  }
  function exampleFor(doc, schema, depth) {
    depth = depth || 0;
    if (!schema || depth > 6) return null;
    var r = resolve(doc, schema); schema = r.schema || {};
    if (schema.default !== undefined) return schema.default;
    if (schema.anyOf) return exampleFor(doc, schema.anyOf[0], depth + 1);
    if (schema.oneOf) return exampleFor(doc, schema.oneOf[0], depth + 1);
    if (schema.enum) return schema.enum[0];
    switch (schema.type) {
      case "object":
        var o = {};
        (schema.required || []).forEach(function (k) { o[k] = exampleFor(doc, (schema.properties || {})[k], depth + 1); });
        return o;
      case "array": return [exampleFor(doc, schema.items, depth + 1)];
      case "string": return "";
      case "number": case "integer": return 0;
      case "boolean": return false;
      default: return null;
    }
  }

  function renderOperation(doc, path, method, op) {
    var details = el("details", { className: "op", id: op.operationId });
    var summary = el("summary", {}, [
      el("span", { className: "m " + method.toUpperCase(), text: method.toUpperCase() }),
      el("span", { className: "path", text: path }),
      el("span", { className: "sum", text: op.summary || "" }),
      op.security ? el("span", { className: "lock", text: "needs bearer token" }) : null,
    ]);
    details.appendChild(summary);
    var body = el("div", { className: "body" });
    details.appendChild(body);
    var built = false;
    details.addEventListener("toggle", function () {
      if (!details.open || built) return;
      built = true;
      if (op.description) body.appendChild(el("p", { text: op.description }));
      var inputs = {};
      if ((op.parameters || []).length) {
        var t = el("table", {}, [el("tr", {}, [el("th", { text: "parameter" }), el("th", { text: "in" }), el("th", { text: "description" }), el("th", { text: "value" })])]);
        op.parameters.forEach(function (p) {
          var input = el("input", { className: "param", placeholder: p.schema && p.schema.default !== undefined ? String(p.schema.default) : (p.required ? "required" : "") });
          if (p.name === "dealId") input.value = "cwalt-2007-12t1";
          inputs[p.name] = { input: input, where: p.in };
          t.appendChild(el("tr", {}, [el("td", {}, [el("code", { text: p.name })]), el("td", { text: p.in }), el("td", { text: (p.description || "") + (p.schema && p.schema.enum ? " (" + p.schema.enum.join(" | ") + ")" : "") }), el("td", {}, [input])]));
        });
        body.appendChild(t);
      }
      var textarea = null, contentType = null;
      if (op.requestBody) {
        var content = op.requestBody.content;
        contentType = Object.keys(content)[0];
        var media = content[contentType];
        var r = resolve(doc, media.schema);
        body.appendChild(el("div", {}, [el("strong", { text: "Request body " }), el("code", { text: contentType }), r.id ? el("span", { className: "muted", text: "  schema " + r.id }) : null]));
        var schemaBox = el("details", {}, [el("summary", { text: "schema" }), el("pre", { text: JSON.stringify(r.schema, null, 2) })]);
        body.appendChild(schemaBox);
        var ex = media.example !== undefined ? media.example : exampleFor(doc, media.schema);
        textarea = el("textarea", {});
        textarea.value = typeof ex === "string" ? ex : JSON.stringify(ex, null, 2);
        body.appendChild(textarea);
      }
      var responses = el("table", {}, [el("tr", {}, [el("th", { text: "status" }), el("th", { text: "meaning" }), el("th", { text: "schema" })])]);
      Object.keys(op.responses || {}).forEach(function (status) {
        var resp = op.responses[status];
        var schema = resp.content ? resp.content[Object.keys(resp.content)[0]].schema : null;
        var r = schema ? resolve(doc, schema) : { id: null };
        responses.appendChild(el("tr", {}, [el("td", { text: status }), el("td", { text: resp.description }), el("td", { text: r.id || (schema ? "inline" : "") })]));
      });
      body.appendChild(responses);
      var button = el("button", { text: "Try it" });
      var status = el("span", { className: "status" });
      var out = el("pre", { text: "" });
      out.style.display = "none";
      button.addEventListener("click", function () {
        var url = path, query = [];
        for (var name in inputs) {
          var v = inputs[name].input.value;
          if (inputs[name].where === "path") url = url.replace("{" + name + "}", encodeURIComponent(v));
          else if (v !== "") query.push(encodeURIComponent(name) + "=" + encodeURIComponent(v));
        }
        if (query.length) url += "?" + query.join("&");
        var headers = {};
        if (contentType) headers["Content-Type"] = contentType;
        if (tokenInput.value) headers["Authorization"] = "Bearer " + tokenInput.value;
        button.disabled = true; status.textContent = "running…"; status.className = "status";
        var t0 = performance.now();
        fetch(url, { method: method.toUpperCase(), headers: headers, body: textarea ? textarea.value : undefined })
          .then(function (res) {
            return res.text().then(function (text) {
              var ms = Math.round(performance.now() - t0);
              status.textContent = res.status + " " + res.statusText + " · " + ms + " ms · " + text.length.toLocaleString() + " bytes";
              status.className = "status " + (res.ok ? "ok" : "bad");
              var shown = text;
              try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) {}
              if (shown.length > 200000) shown = shown.slice(0, 200000) + "\n… (" + shown.length.toLocaleString() + " characters; truncated)";
              out.textContent = shown; out.style.display = "block";
            });
          })
          .catch(function (e) { status.textContent = "request failed: " + e.message; status.className = "status bad"; })
          .finally(function () { button.disabled = false; });
      });
      body.appendChild(el("div", {}, [button, status]));
      body.appendChild(out);
    });
    return details;
  }

  fetch("/openapi.json").then(function (r) { return r.json(); }).then(function (doc) {
    document.getElementById("version").textContent = "v" + doc.info.version + " · OpenAPI " + doc.openapi;
    var main = document.getElementById("main");
    main.innerHTML = "";
    main.appendChild(el("p", { text: doc.info.description }));
    var byTag = {};
    Object.keys(doc.paths).forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method];
        var tag = (op.tags && op.tags[0]) || "other";
        (byTag[tag] = byTag[tag] || []).push([path, method, op]);
      });
    });
    (doc.tags || []).map(function (t) { return t.name; }).concat(Object.keys(byTag)).filter(function (t, i, a) { return a.indexOf(t) === i && byTag[t]; }).forEach(function (tag) {
      main.appendChild(el("h2", { text: tag }));
      byTag[tag].forEach(function (x) { main.appendChild(renderOperation(doc, x[0], x[1], x[2])); });
    });
    main.appendChild(el("h2", { text: "Schemas" }));
    Object.keys(doc.components.schemas).sort().forEach(function (id) {
      main.appendChild(el("details", { className: "op", id: "schema-" + id }, [
        el("summary", {}, [el("span", { className: "path", text: id }), el("span", { className: "sum", text: doc.components.schemas[id].description || "" })]),
        el("div", { className: "body" }, [el("pre", { text: JSON.stringify(doc.components.schemas[id], null, 2) })]),
      ]));
    });
    if (location.hash) { var target = document.getElementById(location.hash.slice(1)); if (target) { target.open = true; target.scrollIntoView(); } }
  }).catch(function (e) {
    document.getElementById("main").textContent = "Could not load /openapi.json: " + e.message;
  });
})();
</script>
</body>
</html>
`;
