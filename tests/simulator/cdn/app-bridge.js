// Local stand-in for Shopify's App Bridge (https://cdn.shopify.com/shopifycloud/app-bridge.js),
// which is unreachable offline. The simulator serves it at /cdn/app-bridge.js; the app loads it
// through APP_BRIDGE_URL (bounce page) and AppProvider's __APP_BRIDGE_URL (pages). It does what an
// embedded Remix app relies on: session tokens, authenticated same-origin fetch, the bounce-page
// reload, toasts, the loading bar and <ui-nav-menu>. Plain browser JS, no build step.
(function () {
  "use strict";

  // A fresh token is fetched this long before the cached one expires; the app's own clock
  // tolerance is 10 s, so a token is never sent when it is about to be refused.
  var TOKEN_REFRESH_MARGIN_MS = 10000;
  var TOAST_DURATION_MS = 5000;
  var RETRY_HEADER = "X-Shopify-Retry-Invalid-Session-Request";

  var script = document.currentScript;
  var simulatorOrigin = new URL(script.src).origin;
  var params = new URLSearchParams(location.search);
  var apiKeyMeta = document.querySelector('meta[name="shopify-api-key"]');
  var host = params.get("host");

  // `host` is base64 of "<shop>/admin" (or "admin.shopify.com/store/<handle>"); Shopify sends
  // both, and later client-side URLs may carry neither, so both are read once here.
  function shopFromHost(encodedHost) {
    if (!encodedHost) return null;
    var decoded = atob(encodedHost.replace(/-/g, "+").replace(/_/g, "/"));
    var storeMatch = /^admin\.shopify\.com\/store\/([^/]+)/.exec(decoded);
    return storeMatch ? storeMatch[1] + ".myshopify.com" : decoded.split("/")[0];
  }

  var config = {
    apiKey: script.getAttribute("data-api-key") || (apiKeyMeta && apiKeyMeta.content) || "",
    shop: params.get("shop") || shopFromHost(host),
    host: host,
    locale: params.get("locale") || "en",
  };

  var cachedToken = null;
  var cachedTokenExpiresAtMs = 0;
  var pendingToken = null;

  function readExpiryMs(token) {
    var payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload)).exp * 1000;
  }

  // What App Bridge's shopify.idToken() does: a short-lived JWT for the current shop, minted here
  // by the simulator with the app's secret instead of by Shopify's admin.
  function idToken() {
    if (cachedToken && Date.now() < cachedTokenExpiresAtMs - TOKEN_REFRESH_MARGIN_MS) {
      return Promise.resolve(cachedToken);
    }
    if (!pendingToken) {
      var url = simulatorOrigin + "/__simulator/shops/" + encodeURIComponent(config.shop) + "/session-token";
      pendingToken = originalFetch(url)
        .then(function (response) {
          if (!response.ok) throw new Error("App Bridge stub: no session token for " + config.shop + " (" + response.status + ")");
          return response.json();
        })
        .then(function (body) {
          cachedToken = body.token;
          cachedTokenExpiresAtMs = readExpiryMs(body.token);
          return body.token;
        })
        .finally(function () {
          pendingToken = null;
        });
    }
    return pendingToken;
  }

  function forgetToken() {
    cachedToken = null;
    cachedTokenExpiresAtMs = 0;
  }

  // Remix's client-side loaders fetch /app?_data=…; App Bridge adds the session token to every
  // same-origin request so authenticate.admin accepts them, and retries once when the app asks.
  var originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var request = new Request(input, init);
    if (new URL(request.url).origin !== location.origin || request.headers.has("Authorization")) {
      return originalFetch(request);
    }
    var retry = request.clone();
    return idToken().then(function (token) {
      request.headers.set("Authorization", "Bearer " + token);
      return originalFetch(request).then(function (response) {
        if (response.status !== 401 || response.headers.get(RETRY_HEADER) !== "1") return response;
        forgetToken();
        return idToken().then(function (freshToken) {
          retry.headers.set("Authorization", "Bearer " + freshToken);
          return originalFetch(retry);
        });
      });
    });
  };

  // Styles go through adoptedStyleSheets, not a <style> element: React hydrates the whole
  // document and would see an extra node in <head>.
  var styles = new CSSStyleSheet();
  styles.replaceSync(
    [
      "ui-nav-menu { display: flex; gap: 16px; padding: 10px 20px; background: #1a1a1a; font: 500 13px system-ui, sans-serif; }",
      "ui-nav-menu a { color: #e3e3e3; text-decoration: none; }",
      "ui-nav-menu a[rel='home'] { color: #fff; font-weight: 650; }",
      ".kizuna-app-bridge-toast { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); z-index: 1000;",
      "  padding: 10px 16px; border-radius: 8px; background: #1a1a1a; color: #fff; font: 13px system-ui, sans-serif; }",
      ".kizuna-app-bridge-toast[data-error='true'] { background: #8e1f0b; }",
      ".kizuna-app-bridge-loading { position: fixed; top: 0; left: 0; right: 0; height: 3px; z-index: 1000; background: #2c6ecb; }",
    ].join("\n"),
  );
  document.adoptedStyleSheets = document.adoptedStyleSheets.concat([styles]);

  // In the real admin the menu moves into Shopify's sidebar; here its links stay in the page as a bar.
  customElements.define("ui-nav-menu", class extends HTMLElement {});

  window.__kizunaToasts = [];
  var nextToastId = 1;

  function showToast(message, options) {
    var id = "toast-" + nextToastId++;
    var isError = Boolean(options && options.isError);
    window.__kizunaToasts.push({ id: id, message: message, isError: isError });
    var element = document.createElement("div");
    element.className = "kizuna-app-bridge-toast";
    element.setAttribute("role", "status");
    element.dataset.toastId = id;
    element.dataset.error = String(isError);
    element.textContent = message;
    document.body.appendChild(element);
    setTimeout(function () {
      hideToast(id);
    }, (options && options.duration) || TOAST_DURATION_MS);
    return id;
  }

  function hideToast(id) {
    var element = document.querySelector('[data-toast-id="' + id + '"]');
    if (element) element.remove();
  }

  var loadingBar = null;
  function loading(isLoading) {
    if (isLoading === false) {
      if (loadingBar) loadingBar.remove();
      loadingBar = null;
      return;
    }
    if (loadingBar) return;
    loadingBar = document.createElement("div");
    loadingBar.className = "kizuna-app-bridge-loading";
    loadingBar.setAttribute("role", "progressbar");
    document.body.appendChild(loadingBar);
  }

  window.shopify = {
    config: config,
    environment: { embedded: true, mobile: false, pos: false },
    idToken: idToken,
    toast: { show: showToast, hide: hideToast },
    loading: loading,
  };

  // The bounce page (/auth/session-token) is an empty document with this script and a
  // `shopify-reload` URL; App Bridge reloads that URL with a fresh id_token.
  var reloadTarget = params.get("shopify-reload");
  if (reloadTarget) {
    var reloadUrl = new URL(reloadTarget, location.href);
    if (reloadUrl.origin === location.origin) {
      idToken().then(function (token) {
        reloadUrl.searchParams.set("id_token", token);
        location.replace(reloadUrl.toString());
      });
    }
  }
})();
