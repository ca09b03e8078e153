/* crosswire web page: story list, story page, article page, search.
 *
 * Everything from the archive is data: it reaches the page only through
 * textContent, text nodes and setAttribute on known attributes, never
 * through innerHTML. Links to other sites are kept only when they are
 * http(s). Stable ids and classes (story-item, story-title, quote-group,
 * discrepancy, variant, article-item, result-item, ...) are for tests.
 */
"use strict";
(function () {
  var view = document.getElementById("view");
  var searchInput = document.getElementById("search-input");
  var SVG = "http://www.w3.org/2000/svg";

  /* ---- DOM helpers -------------------------------------------------- */

  // h("li", {class: "x", "data-id": 3}, child, "text", [more]) - children
  // that are strings become text nodes.
  function h(tag, attrs) {
    var e = document.createElement(tag);
    setAttrs(e, attrs);
    for (var i = 2; i < arguments.length; i++) add(e, arguments[i]);
    return e;
  }
  function setAttrs(e, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "class") e.setAttribute("class", v);
      else if (k === "text") e.textContent = String(v);
      else e.setAttribute(k, String(v));
    });
  }
  function add(parent, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) kid.forEach(function (k) { add(parent, k); });
    else if (typeof kid === "string" || typeof kid === "number")
      parent.appendChild(document.createTextNode(String(kid)));
    else parent.appendChild(kid);
  }
  function s(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      e.setAttribute(k, String(attrs[k]));
    });
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function show() {
    clear(view);
    for (var i = 0; i < arguments.length; i++) add(view, arguments[i]);
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function day(iso) { return iso ? String(iso).slice(0, 10) : ""; }
  function safeUrl(u) {
    try {
      var p = new URL(u, location.href);
      return p.protocol === "http:" || p.protocol === "https:" ? p.href : null;
    } catch (e) { return null; }
  }

  /* ---- API ------------------------------------------------------------ */

  function api(path) {
    return fetch(path, { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().catch(function () { return null; }).then(function (b) {
          if (!r.ok) {
            var msg = b && b.error && b.error.message ? b.error.message
                                                      : "HTTP " + r.status;
            throw new Error(msg);
          }
          return b;
        });
      });
  }
  function failed(err) {
    show(h("p", { class: "error", id: "error", text: String(err.message || err) }));
  }

  /* ---- articles over time: a small bar chart ---------------------------- */

  function allArticles(story) {
    var out = [];
    (story.articles || []).forEach(function (a) {
      out.push(a);
      (a.copies || []).forEach(function (c) { out.push(c); });
    });
    return out;
  }
  function dayNumber(d) {
    var t = Date.parse(d + "T00:00:00Z");
    return isNaN(t) ? null : Math.floor(t / 86400000);
  }
  /* the day of every article and copy: from the list's articles_by_day
   * (a list entry carries only its newest articles), else from articles */
  function articleDays(story) {
    if (Array.isArray(story.articles_by_day)) {
      var out = [];
      story.articles_by_day.forEach(function (e) {
        var d = dayNumber(String(e.day));
        for (var i = 0; d !== null && i < Math.min(Number(e.n) || 0, 100000); i++) out.push(d);
      });
      return out;
    }
    return allArticles(story).map(function (a) { return dayNumber(day(a.published)); })
      .filter(function (d) { return d !== null; });
  }
  function chart(story, width, height) {
    var days = articleDays(story);
    var svg = s("svg", { class: "story-chart", width: width, height: height,
                         viewBox: "0 0 " + width + " " + height, role: "img" });
    var title = s("title", {});
    if (!days.length) {
      title.textContent = "no publication dates";
      svg.appendChild(title);
      return svg;
    }
    var lo = Math.min.apply(null, days), hi = Math.max.apply(null, days);
    var nbins = Math.min(24, hi - lo + 1);
    var span = (hi - lo + 1) / nbins;
    var bins = new Array(nbins).fill(0);
    days.forEach(function (d) { bins[Math.min(nbins - 1, Math.floor((d - lo) / span))]++; });
    var top = Math.max.apply(null, bins);
    var bw = Math.min(10, width / nbins), x0 = width - bw * nbins;
    bins.forEach(function (n, i) {
      if (!n) return;
      var bh = Math.max(2, Math.round((height - 2) * n / top));
      var r = s("rect", { x: (x0 + i * bw + 0.5).toFixed(1), y: height - bh,
                          width: Math.max(1, bw - 1).toFixed(1), height: bh });
      var from = new Date((lo + Math.floor(i * span)) * 86400000).toISOString().slice(0, 10);
      var t = s("title", {});
      t.textContent = from + ": " + plural(n, "article");
      r.appendChild(t);
      svg.appendChild(r);
    });
    title.textContent = plural(days.length, "article") + " from " +
      new Date(lo * 86400000).toISOString().slice(0, 10) + " to " +
      new Date(hi * 86400000).toISOString().slice(0, 10);
    svg.insertBefore(title, svg.firstChild);
    return svg;
  }

  /* ---- story list ------------------------------------------------------ */

  var listState = { outlet: "" };

  function storyItem(st) {
    var n = st.n_discrepancies || 0;
    var people = st.people || [];
    return h("li", { class: "story-item nav-item", "data-id": st.id, id: "story-" + st.id },
      h("a", { class: "story-title nav-link", href: "#/story/" + st.id,
               text: st.title || "(untitled)" }),
      h("div", { class: "story-meta" },
        plural((st.outlets || []).length, "outlet"), " \u00b7 ",
        plural(typeof st.n_with_copies === "number" ? st.n_with_copies : allArticles(st).length,
               "article"), " \u00b7 updated ",
        h("time", { datetime: st.last_update || "", text: day(st.last_update) }),
        n ? h("span", { class: "badge badge-discrepancy",
                        title: "outlets disagree on " + plural(n, "point"),
                        text: "\u26a0 " + plural(n, "discrepancy").replace(/discrepancys$/, "discrepancies") })
          : null),
      people.length ? h("div", { class: "story-people", text: people.join(", ") }) : null,
      chart(st, 120, 32));
  }

  function renderList() {
    document.title = "crosswire";
    var list = h("ol", { class: "story-list", id: "story-list" });
    var more = h("button", { class: "more", id: "more-stories", type: "button", text: "More stories" });
    var select = h("select", { id: "outlet-filter", "aria-label": "Outlet" },
      h("option", { value: "", text: "All outlets" }));
    var toolbar = h("div", { class: "toolbar" }, h("span", { text: "Stories, newest activity first" }), select);
    show(toolbar, list, more);
    more.hidden = true;
    var cursor = null;
    function load() {
      var q = "/api/stories?limit=30";
      if (listState.outlet) q += "&outlet=" + encodeURIComponent(listState.outlet);
      if (cursor) q += "&cursor=" + encodeURIComponent(cursor);
      return api(q).then(function (page) {
        page.stories.forEach(function (st) { list.appendChild(storyItem(st)); });
        cursor = page.next_cursor;
        more.hidden = !cursor;
        if (!list.firstChild)
          list.appendChild(h("li", { class: "empty", text: "No stories yet: add news with 'crosswire add PATH' or POST /api/articles." }));
        if (!document.querySelector(".nav-item.selected")) move(0);
      });
    }
    more.addEventListener("click", function () { load().catch(failed); });
    select.addEventListener("change", function () {
      listState.outlet = select.value;
      clear(list);
      cursor = null;
      load().catch(failed);
    });
    api("/api/outlets").then(function (r) {
      r.outlets.forEach(function (o) {
        select.appendChild(h("option", { value: o.name, text: o.name + " (" + o.articles + ")" }));
      });
      select.value = listState.outlet;
    }).catch(function () {});
    load().catch(failed);
  }

  /* ---- word diff for quote variants --------------------------------------- */

  function words(text) { return String(text).split(/(\s+)/).filter(function (w) { return w !== ""; }); }
  function norm(w) { return w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""); }
  // Marks the words of a that are not in a longest common subsequence with b.
  function diffWords(a, b) {
    var A = words(a), B = words(b);
    var ai = [], bi = [];
    A.forEach(function (w, i) { if (!/^\s+$/.test(w)) ai.push(i); });
    B.forEach(function (w, i) { if (!/^\s+$/.test(w)) bi.push(i); });
    var n = ai.length, m = bi.length, keep = {};
    if (n * m <= 250000) {
      var L = [];
      for (var i = 0; i <= n; i++) L.push(new Uint16Array(m + 1));
      for (i = n - 1; i >= 0; i--)
        for (var j = m - 1; j >= 0; j--)
          L[i][j] = norm(A[ai[i]]) === norm(B[bi[j]]) ? L[i + 1][j + 1] + 1
                                                      : Math.max(L[i + 1][j], L[i][j + 1]);
      i = 0; j = 0;
      while (i < n && j < m) {
        if (norm(A[ai[i]]) === norm(B[bi[j]])) { keep[ai[i]] = true; i++; j++; }
        else if (L[i + 1][j] >= L[i][j + 1]) i++;
        else j++;
      }
    }
    var out = [];
    A.forEach(function (w, k) {
      if (/^\s+$/.test(w) || keep[k] || !norm(w)) out.push(w);
      else out.push(h("mark", { class: "diff", text: w }));
    });
    return out;
  }

  // sentence with the first case-insensitive occurrence of value marked
  function markIn(sentence, value) {
    var at = value ? sentence.toLowerCase().indexOf(String(value).toLowerCase()) : -1;
    if (at < 0) return [sentence];
    return [sentence.slice(0, at), h("mark", { text: sentence.slice(at, at + value.length) }),
            sentence.slice(at + value.length)];
  }

  /* ---- story page -------------------------------------------------------- */

  // the outlet, or for an article without one the file it came from
  function outletName(a) {
    if (a.outlet) return a.outlet;
    var p = a.source && a.source.path ? String(a.source.path) : "";
    return p ? p.replace(/^.*[\/\\]/, "") : "unknown outlet";
  }
  function outletMap(story) {
    var m = {};
    allArticles(story).forEach(function (a) { m[a.id] = outletName(a); });
    return m;
  }
  function evidenceLink(ev, label) {
    return h("a", { class: "evidence-link", href: "#/article/" + ev.article + "?s=" + ev.start + "&e=" + ev.end,
                    text: label });
  }
  function sources(ids, outlets) {
    return h("span", { class: "sources" }, (ids || []).map(function (id) {
      return h("a", { href: "#/article/" + id, text: outlets[id] || "article " + id });
    }));
  }
  function section(id, title, body) {
    return h("section", { id: id }, h("h2", { text: title }), body);
  }

  function renderStory(id) {
    api("/api/stories/" + encodeURIComponent(id)).then(function (st) {
      document.title = (st.title || "story") + " \u2013 crosswire";
      var outlets = outletMap(st);
      var parts = [];
      parts.push(h("header", { class: "story-head" },
        h("h1", { id: "story-title", text: st.title || "(untitled)" }),
        h("div", { class: "story-meta" }, "first seen ", day(st.first_seen), " \u00b7 last update ",
          day(st.last_update), " \u00b7 ", plural((st.outlets || []).length, "outlet"), ": ",
          (st.outlets || []).join(", ")),
        chart(st, 240, 40)));
      if ((st.summary || []).length)
        parts.push(section("summary", "Summary",
          h("ul", { class: "summary" }, st.summary.map(function (t) { return h("li", { text: t }); }))));
      var people = (st.entities || []).filter(function (e) { return e.type === "person"; }).slice(0, 10);
      if (people.length)
        parts.push(section("people", "People",
          h("ul", { class: "people-list" }, people.map(function (e) {
            return h("li", { class: "person" }, h("strong", { text: e.name }),
              (e.roles || []).length ? h("span", { class: "role", text: " \u2013 " + e.roles.join("; ") }) : null);
          }))));
      if ((st.timeline || []).length)
        parts.push(section("timeline", "Timeline",
          h("ol", { class: "timeline" }, st.timeline.map(function (ev) {
            return h("li", { class: "timeline-event" },
              h("time", { class: "timeline-date", datetime: ev.date, text: ev.date }),
              ev.year_inferred ? h("span", { class: "timeline-inferred", text: "year from the story",
                title: "The article gives this day without a year; the year is that of the story's dated articles." }) : null,
              h("span", { class: "timeline-text", text: ev.text }), " ",
              sources(ev.articles, outlets));
          }))));
      parts.push(section("coverage", "Coverage by outlet", coverage(st)));
      if ((st.quotes || []).length)
        parts.push(section("quotes", "Quotes", st.quotes.map(function (q) { return quoteGroup(q, outlets); })));
      if ((st.discrepancies || []).length)
        parts.push(section("discrepancies", "Where outlets disagree",
          st.discrepancies.map(function (d) { return discrepancy(d, outlets); })));
      parts.push(section("articles", "Articles", articleList(st)));
      show(parts);
      move(0);
    }).catch(failed);
  }

  // The coverage table's outlet: the article's own, else its web site (the
  // host of its URL), else one row for every article whose outlet no input
  // gave (a file name is not an outlet, and a row per file would make a
  // story of five anonymous pages look like five outlets).
  var NO_OUTLET = "outlet not given";
  function coverageOutlet(a) {
    if (a.outlet) return a.outlet;
    var m = /^https?:\/\/(?:www\.)?([^\/:?#]+)/i.exec(a.url || "");
    return m ? m[1].toLowerCase() : NO_OUTLET;
  }

  function coverage(st) {
    var by = {};
    allArticles(st).forEach(function (a) {
      var o = coverageOutlet(a);
      var e = by[o] || (by[o] = { n: 0, first: null });
      e.n++;
      var d = day(a.published);
      if (d && (!e.first || d < e.first)) e.first = d;
    });
    var names = Object.keys(by).sort(function (x, y) {
      return (x === NO_OUTLET) - (y === NO_OUTLET) || by[y].n - by[x].n || (x < y ? -1 : 1);
    });
    var top = names.length ? by[names[0]].n : 1;
    return h("table", { class: "coverage" },
      h("thead", null, h("tr", null, h("th", { text: "Outlet" }), h("th", { class: "num", text: "Articles" }),
        h("th", { text: "" }), h("th", { text: "First" }))),
      h("tbody", null, names.map(function (o) {
        var bar = s("svg", { width: 80, height: 10, viewBox: "0 0 80 10", "aria-hidden": "true" });
        bar.appendChild(s("rect", { x: 0, y: 1, height: 8, width: Math.max(2, Math.round(80 * by[o].n / top)) }));
        return h("tr", { class: "coverage-row" + (o === NO_OUTLET ? " coverage-unknown" : "") }, h("td", { text: o }), h("td", { class: "num", text: by[o].n }),
          h("td", null, bar), h("td", { text: by[o].first || "\u2013" }));
      })));
  }

  function quoteGroup(q, outlets) {
    var vs = q.variants || [];
    return h("div", { class: "quote-group" },
      h("h3", { class: "speaker", text: q.speaker || "unknown speaker" }),
      vs.map(function (v, i) {
        var other = vs.length > 1 ? vs[i === 0 ? 1 : 0].text : null;
        return h("div", { class: "quote-variant" },
          h("blockquote", null, other !== null ? diffWords(v.text || "", other) : v.text || ""),
          h("div", { class: "sources" }, v.kind ? h("span", { class: "kind", text: v.kind }) : null,
            v.channel ? h("span", { class: "channel", text: "via " + v.channel }) : null,
            sources(v.articles, outlets),
            (v.evidence || []).slice(0, 1).map(function (ev) { return evidenceLink(ev, "in context"); })));
      }));
  }

  function discrepancy(d, outlets) {
    return h("div", { class: "discrepancy" },
      h("h3", null, h("span", { class: "kind", text: (d.kind || "").replace(/_/g, " ") }), d.subject || ""),
      h("div", { class: "variants" }, (d.variants || []).map(function (v) {
        return h("div", { class: "variant" },
          h("div", { class: "variant-value", text: v.value }),
          sources(v.articles, outlets),
          (v.evidence || []).map(function (ev) {
            return h("p", { class: "evidence" }, markIn(ev.sentence || "", v.value), " ",
              evidenceLink(ev, "(" + (outlets[ev.article] || "article " + ev.article) + ")"));
          }));
      })));
  }

  function articleLine(a) {
    return [h("a", { class: "nav-link", href: "#/article/" + a.id, text: a.title || "(untitled)" }),
      h("div", { class: "article-meta" }, outletName(a), " \u00b7 ", day(a.published) || "undated")];
  }
  function articleList(st) {
    return h("ul", { class: "article-list" }, (st.articles || []).map(function (a) {
      var copies = a.copies || [];
      return h("li", { class: "article-item nav-item", "data-id": a.id }, articleLine(a),
        copies.length ? h("details", { class: "copies-fold" },
          h("summary", { text: plural(copies.length, "copy") .replace(/copys$/, "copies") + " of this article" }),
          h("ul", { class: "copies" }, copies.map(function (c) { return h("li", { class: "copy" }, articleLine(c)); })))
          : null);
    }));
  }

  /* ---- article page ------------------------------------------------------ */

  // start/end are byte offsets into the UTF-8 text (the API's contract)
  function textWithSpan(text, start, end) {
    if (!(start >= 0 && end > start)) return [text];
    var bytes = new TextEncoder().encode(text), dec = new TextDecoder();
    if (end > bytes.length) return [text];
    return [dec.decode(bytes.slice(0, start)), dec.decode(bytes.slice(start, end)),
            dec.decode(bytes.slice(end))];
  }
  function renderArticle(id, params) {
    api("/api/articles/" + encodeURIComponent(id)).then(function (a) {
      document.title = (a.title || "article") + " \u2013 crosswire";
      var pieces = textWithSpan(a.text || "", parseInt(params.get("s"), 10), parseInt(params.get("e"), 10));
      var body = h("div", { class: "article-text", id: "article-text" });
      var marked = null;
      // paragraphs are separated by a blank line; the marked span may
      // cross one, so paragraphs are cut from the joined pieces
      var para = h("p");
      pieces.forEach(function (piece, k) {
        var chunks = piece.split(/\n\s*\n/);
        chunks.forEach(function (c, j) {
          if (j > 0) { body.appendChild(para); para = h("p"); }
          if (k === 1) { var m = h("mark", { id: "evidence-mark", text: c }); para.appendChild(m); marked = marked || m; }
          else para.appendChild(document.createTextNode(c));
        });
      });
      body.appendChild(para);
      var url = a.url ? safeUrl(a.url) : null;
      show(h("article", { id: "article" },
        h("p", { class: "article-meta" }, h("a", { href: "#/story/" + a.story_id, text: "\u2190 story " + a.story_id })),
        h("h1", { id: "article-title", text: a.title || "(untitled)" }),
        h("div", { class: "article-meta" }, a.outlet || "unknown outlet", " \u00b7 ", day(a.published) || "undated",
          a.byline ? " \u00b7 " + a.byline : "", a.dateline ? " \u00b7 " + a.dateline : ""),
        url ? h("p", { class: "article-meta" }, h("a", { href: url, rel: "noopener noreferrer nofollow", class: "original-link", text: "original" })) : null,
        body));
      if (marked) marked.scrollIntoView({ block: "center" });
    }).catch(failed);
  }

  /* ---- search ------------------------------------------------------------- */

  // snippet with the API's «» marks turned into <mark>
  function snippet(text) {
    var out = [], parts = String(text || "").split(/[\u00ab\u00bb]/);
    parts.forEach(function (p, i) {
      if (!p) return;
      out.push(i % 2 ? h("mark", { text: p }) : p);
    });
    return out;
  }
  function renderSearch(q) {
    searchInput.value = q;
    document.title = q + " \u2013 search \u2013 crosswire";
    if (!q.trim()) { show(h("p", { class: "empty", text: "Type words to search for." })); return; }
    api("/api/search?limit=50&q=" + encodeURIComponent(q)).then(function (r) {
      var items = r.results.map(function (x) {
        return h("li", { class: "result-item nav-item", "data-id": x.article_id },
          h("a", { class: "result-title nav-link", href: "#/article/" + x.article_id, text: x.title || "(untitled)" }),
          h("div", { class: "result-meta" }, outletName(x), " \u00b7 ", day(x.published) || "undated",
            " \u00b7 ", h("a", { href: "#/story/" + x.story_id, text: "story " + x.story_id })),
          h("p", { class: "snippet" }, snippet(x.snippet)));
      });
      show(h("div", { class: "toolbar", id: "search-summary", text: plural(items.length, "article") + " for \u201c" + q + "\u201d" }),
        items.length ? h("ol", { class: "result-list", id: "search-results" }, items)
                     : h("p", { class: "empty", text: "No article matches." }));
      move(0);
    }).catch(failed);
  }

  /* ---- keyboard ----------------------------------------------------------- */

  function move(delta) {
    var items = Array.prototype.slice.call(view.querySelectorAll(".nav-item"));
    if (!items.length) return;
    var cur = items.findIndex(function (e) { return e.classList.contains("selected"); });
    var next = cur < 0 ? 0 : Math.max(0, Math.min(items.length - 1, cur + delta));
    if (cur >= 0) items[cur].classList.remove("selected");
    items[next].classList.add("selected");
    if (delta) items[next].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
    if (typing) {
      if (ev.key === "Escape") t.blur();
      return;
    }
    if (ev.key === "j") move(1);
    else if (ev.key === "k") move(-1);
    else if (ev.key === "/") { ev.preventDefault(); searchInput.focus(); searchInput.select(); }
    else if (ev.key === "Enter") {
      var sel = view.querySelector(".nav-item.selected .nav-link");
      if (sel) { ev.preventDefault(); sel.click(); }
    } else if (ev.key === "Escape") {
      if (location.hash && location.hash !== "#/") history.back();
    } else return;
  });
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    location.hash = "#/search/" + encodeURIComponent(searchInput.value);
  });

  /* ---- routing ------------------------------------------------------------- */

  function route() {
    var hash = location.hash.replace(/^#/, "") || "/";
    var qat = hash.indexOf("?");
    var params = new URLSearchParams(qat >= 0 ? hash.slice(qat + 1) : "");
    var path = qat >= 0 ? hash.slice(0, qat) : hash;
    var m;
    if ((m = /^\/story\/(\d+)$/.exec(path))) renderStory(m[1]);
    else if ((m = /^\/article\/(\d+)$/.exec(path))) renderArticle(m[1], params);
    else if ((m = /^\/search\/(.*)$/.exec(path))) {
      var q;
      try { q = decodeURIComponent(m[1]); } catch (e) { q = m[1]; }
      renderSearch(q);
    } else renderList();
    window.scrollTo(0, 0);
  }
  window.addEventListener("hashchange", route);
  route();
})();
