// bilateral web pages: small enhancements; every page reads the same without them.
// No inline script: data comes from data- attributes, read and never executed.
"use strict";

// Suggestions as you type in the territory boxes, into each box's <datalist>.
function enhanceSuggestions() {
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) return;
    var timer = null;
    var asked = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = input.value.trim();
        if (query.length < 2 || query === asked) return;
        asked = query;
        var url = input.dataset.suggest + "?q=" + encodeURIComponent(query) + "&limit=10";
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            if (input.value.trim() !== query) return;
            list.replaceChildren();
            data.suggestions.forEach(function (suggestion) {
              var option = document.createElement("option");
              option.value = suggestion.code;
              option.label = suggestion.label;
              option.textContent = suggestion.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* the box still takes any name or code */ });
      }, 150);
    });
  });
}

// Charts: the server's SVG stays for readers without JavaScript; vega-embed redraws the
// same spec with tooltips once the Vega bundle (served by the app) is loaded.
function enhanceCharts() {
  var charts = document.querySelectorAll("figure.chart[data-spec]");
  if (!charts.length) return;
  var script = document.createElement("script");
  script.src = "/static/vega.js";
  script.onload = function () {
    if (typeof window.vegaEmbed !== "function") return;
    charts.forEach(function (figure) {
      var spec;
      try { spec = JSON.parse(figure.dataset.spec); } catch (error) { return; }
      var target = document.createElement("div");
      target.className = "chart-interactive";
      figure.insertBefore(target, figure.firstChild);
      window.vegaEmbed(target, spec, {
        actions: false,
        defaultStyle: false,
        ast: true, // expressions interpreted, never compiled with Function(): CSP-safe
        renderer: "svg",
        formatLocale: undefined,
        tooltip: { disableDefaultStyle: true }
      }).then(function () {
        figure.classList.add("interactive");
      }).catch(function () {
        target.remove();
      });
    });
  };
  document.head.appendChild(script);
}

document.addEventListener("DOMContentLoaded", function () {
  enhanceSuggestions();
  enhanceCharts();
});
