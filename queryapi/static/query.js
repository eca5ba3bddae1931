/* The query page: YASGUI against this app's /sparql, with nothing fetched from elsewhere.
 * Configuration comes from the data-config attribute (no inline script, so the page's
 * Content-Security-Policy can forbid inline code). */
(function () {
  "use strict";
  var el = document.getElementById("yasgui");
  if (!el || typeof Yasgui === "undefined") { return; }
  var cfg = JSON.parse(el.getAttribute("data-config"));
  var endpoint = new URL(cfg.endpoint, window.location.href).toString();
  var local = Object.keys(cfg.prefixes).sort().map(function (p) {
    return p + ": <" + cfg.prefixes[p] + ">";
  });

  // Local prefixes only: the stock completers ask prefix.cc and LOV on the internet.
  Yasgui.Yasqe.forkAutocompleter("prefixes", {
    name: "localPrefixes",
    persistenceId: null,
    get: function () { return Promise.resolve(local); }
  }, false);

  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: []
    },
    yasqe: {
      autocompleters: ["variables", "localPrefixes"],
      prefixCcApi: null,
      value: cfg.query
    },
    persistenceId: null
  });

  function run(query) {
    var tab = yasgui.getTab();
    tab.setEndpoint(endpoint);
    tab.setQuery(query);
    tab.query();
  }

  var initial = new URLSearchParams(window.location.search).get("query");
  if (initial) { run(initial); }

  document.querySelectorAll("a.example").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      run(a.getAttribute("data-query"));
      el.scrollIntoView();
    });
  });
}());
