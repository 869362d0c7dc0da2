// Boots Swagger UI on the gateway's merged description (its path is on this script's data-openapi attribute).
(function () {
  var url = document.currentScript.dataset.openapi;
  window.addEventListener('load', function () {
    window.ui = SwaggerUIBundle({
      url: url,
      dom_id: '#swagger-ui',
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      plugins: [SwaggerUIBundle.plugins.DownloadUrl],
      layout: 'StandaloneLayout'
    });
  });
})();
