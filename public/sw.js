// OneWindow's service worker: keeps the app shell (index.html and the hashed bundle
// files it names) so that a reload works with no network. The catalogue and, later,
// drafts and the outbox live in IndexedDB and are the app's own business: /api/ requests
// pass straight through.
const CACHE = "onewindow-shell-v1";

async function precacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch("/", { cache: "no-cache" });
  if (!response.ok) throw new Error("index.html: HTTP " + response.status);
  const html = await response.clone().text();
  // Trunk minifies index.html, so attribute values may come with or without quotes.
  const assets = [...html.matchAll(/["'=](\/[A-Za-z0-9._-]+\.(?:js|wasm|css))/g)].map((m) => m[1]);
  await cache.put("/", response);
  await cache.addAll([...new Set(assets)]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname === "/healthz") return;
  if (request.mode === "navigate") {
    // Network first so a new version is seen at once; the cached shell when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put("/", copy));
          }
          return response;
        })
        .catch(() => caches.match("/").then((hit) => hit || Response.error())),
    );
    return;
  }
  // Bundle files carry a content hash in their names: a cached copy is always right.
  event.respondWith(
    caches.match(request).then((hit) =>
      hit ||
      fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
    ),
  );
});
