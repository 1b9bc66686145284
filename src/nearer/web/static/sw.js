// Nearer's service worker: it keeps ONLY the static shell (stylesheet, scripts, icons, the offline
// page) so the app opens and installs on a phone. Pages and API answers are private and are never
// stored: they always go to the network, and when it is unreachable the person sees the offline page.
"use strict";
var CACHE = "nearer-shell-v1";
var SHELL = [
  "/static/style.css",
  "/static/exit-guard.js",
  "/static/quick-exit.js",
  "/static/confirm.js",
  "/static/shell.js",
  "/static/offline.html",
  "/static/icon.svg",
  "/static/icon-192.png",
  "/static/icon-512.png"
];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== CACHE; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    // The shell: answer from the cache at once, refresh it from the network behind the scenes.
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) {
        var fresh = fetch(request).then(function (response) {
          if (response.ok) { cache.put(request, response.clone()); }
          return response;
        });
        return hit || fresh;
      });
    }));
    return;
  }
  if (request.mode === "navigate") {
    // A private page: always the network, never stored; offline, a static page says so.
    event.respondWith(fetch(request).catch(function () {
      return caches.match("/static/offline.html");
    }));
  }
});
