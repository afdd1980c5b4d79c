// liftlore's service worker: the library pages a person opened and the log page keep working without a signal.
// Served at /sw.js (so it controls the whole site), with BUILD written in by the server: this release's version
// and its static files. A new release is a new worker with a new cache name; the old caches go when it takes over.
"use strict";

var BUILD = {"version": "dev", "files": []};
var STATIC_CACHE = "liftlore-static-" + BUILD.version;
var PAGE_CACHE = "liftlore-pages-" + BUILD.version;
var MAX_PAGES = 300;  // a library browsed for months stays a few megabytes

// The pages kept for offline use: the library and the log form. Never the account pages, the login, the API
// (a person's log as JSON) or the history: only what is needed in the gym.
var KEPT_PAGES = [/^\/$/, /^\/exercises\/[^/]+$/, /^\/muscles(\/[^/]+)?$/, /^\/equipment(\/[^/]+)?$/, /^\/log$/];

// The waiting-sets store (IndexedDB), shared with the pages: a set whose post fails here is queued the same way.
importScripts("/static/offline.js");

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      // "reload": the files of this release from the server, not older copies from the HTTP cache.
      .then(function (cache) { return cache.addAll(BUILD.files.map(function (f) { return new Request(f, {cache: "reload"}); })); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("liftlore-") === 0 && name !== STATIC_CACHE && name !== PAGE_CACHE;
        }).map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function isKeptPage(url) {
  return KEPT_PAGES.some(function (pattern) { return pattern.test(url.pathname); });
}

// What a page's address may carry for one showing only: the rest timer to start after a set (`rest`), the sets
// just logged, which the page offers to undo (`logged`), a word on what was just done (`done`), a confirmation
// asked for (`confirm`). /log?exercise=x&rest=90&logged=ID is the same form as /log?exercise=x.
var ONE_OFF = ["rest", "logged", "done", "confirm"];

// The address a page is kept under.
function pageKey(url) {
  var key = new URL(url.href);
  ONE_OFF.forEach(function (name) { key.searchParams.delete(name); });
  key.hash = "";
  return key.href;
}

// A page shown once for something just done is never kept: shown again later from the cache, its Undo would take
// back whatever set it named then.
function keepable(url) {
  return !["logged", "done", "confirm"].some(function (name) { return url.searchParams.has(name); });
}

// A kept log page is shown with a new form key: the key it was kept with may already have logged a set, and a
// post carrying it again would be taken for that set's repeat.
function withNewKey(response) {
  if (!response.headers.get("Content-Type") || response.headers.get("Content-Type").indexOf("text/html") !== 0) {
    return Promise.resolve(response);
  }
  return response.text().then(function (html) {
    var fresh = html.replace(/(<input type="hidden" name="key" value=")[^"]*(")/, "$1" + self.liftloreQueue.newKey() + "$2");
    return new Response(fresh, {status: response.status, statusText: response.statusText, headers: response.headers});
  });
}

function offlinePage() {
  var html = '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · liftlore</title>' +
    '<link rel="stylesheet" href="/static/liftlore.css"></head><body><main id="main">' +
    "<h1>You are offline</h1><p>This page was not opened on this device before, so there is no copy of it here. " +
    'The <a href="/log">log</a> and the library pages you opened work without a connection.</p></main></body></html>';
  return new Response(html, {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
}

function trim(cache) {
  return cache.keys().then(function (keys) {
    // Keys come oldest first; the oldest pages go.
    return Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map(function (k) { return cache.delete(k); }));
  });
}

// Network first: the page as it is now when there is a connection, the copy from the last visit when not.
function page(event, url) {
  var key = pageKey(url);
  return fetch(event.request).then(function (response) {
    if (response.ok && !response.redirected && response.type === "basic" && keepable(url)) {
      var copy = response.clone();
      event.waitUntil(caches.open(PAGE_CACHE).then(function (cache) {
        return cache.put(key, copy).then(function () { return trim(cache); });
      }));
    }
    return response;
  }, function () {
    return caches.open(PAGE_CACHE)
      .then(function (cache) { return cache.match(key); })
      .then(function (kept) { return kept ? withNewKey(kept) : offlinePage(); });
  });
}

// Cache first: a release's static files do not change under the same worker.
function staticFile(event) {
  return caches.match(event.request).then(function (kept) {
    return kept || fetch(event.request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) { return cache.put(event.request, copy); }));
      }
      return response;
    });
  });
}

// A set posted from the log form when the phone thinks it is online but nothing gets through (a basement, a
// dead Wi-Fi): kept like a set queued offline, and the person is taken back to the form, which lists it. The post
// may have reached the server all the same (only its answer lost), so the set is kept under the key the form
// sent: sent again with it, it is recognised and not stored twice. It is kept for the person the form was for
// (`who`); a form without that field (a page from before it) leaves the set's owner unknown, and it is not sent.
function logPost(event) {
  var kept = event.request.clone();
  return fetch(event.request).catch(function () {
    return kept.formData().then(function (form) {
      var fields = {};
      form.forEach(function (value, name) { fields[name] = String(value); });
      var who = typeof fields.who === "string" ? fields.who : null;
      var item = self.liftloreQueue.fromForm(fields, null, who, null, fields.key || null);
      return self.liftloreQueue.add(item).then(function () {
        // The exercise's form, as kept, not the page the post came from: that one may offer to undo an earlier set.
        return Response.redirect("/log?exercise=" + encodeURIComponent(fields.exercise || ""), 303);
      });
    });
  });
}

// Signing in or out (registering signs in too) changes whose log the kept log page shows: the pages go, the static files stay.
function forgetPages() {
  return caches.delete(PAGE_CACHE);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method === "POST") {
    if (["/login", "/logout", "/register"].indexOf(url.pathname) >= 0) { event.waitUntil(forgetPages()); }
    if (url.pathname === "/log" && request.mode === "navigate") { event.respondWith(logPost(event)); }
    return;
  }
  if (request.method !== "GET") { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(staticFile(event));
  } else if (request.mode === "navigate" && isKeptPage(url)) {
    event.respondWith(page(event, url));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(offlinePage));
  }
  // Anything else (the API, the account pages' data) goes to the network untouched and is never kept.
});
