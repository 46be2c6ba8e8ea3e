// The triage dashboard. Data arrives through data/*.js scripts calling triageData(name, value),
// which works from file:// as well as from a server. Every piece of text from the data is
// inserted with textContent (or as an attribute value): never as HTML.
"use strict";
(function () {
  var store = {};
  var waiting = {};

  window.triageData = function (name, value) {
    store[name] = value;
    var callbacks = waiting[name] || [];
    delete waiting[name];
    callbacks.forEach(function (callback) { callback(value); });
  };

  // Loads data/<file>.js once; resolves with its value, or null when the file is missing.
  function load(name, file) {
    if (name in store) return Promise.resolve(store[name]);
    return new Promise(function (resolve) {
      (waiting[name] = waiting[name] || []).push(resolve);
      if (document.querySelector('script[data-name="' + name + '"]')) return;
      var script = document.createElement("script");
      script.src = file;
      script.setAttribute("data-name", name);
      script.onerror = function () { window.triageData(name, null); };
      document.body.appendChild(script);
    });
  }

  // el("a", {href: url, class: "x"}, ["text", child]) — strings become text nodes.
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      var value = attributes[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "href") { value = safeURL(value); if (!value) return; }
      node.setAttribute(key, String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  // Only http(s) and page-local links; anything else (javascript:, data:) is dropped.
  function safeURL(url) {
    url = String(url);
    if (/^https?:\/\//i.test(url) || url.charAt(0) === "#") return url;
    return null;
  }

  function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }

  function link(url, text) { return safeURL(url) ? el("a", { href: url }, [text]) : el("span", {}, [text]); }

  // ---- State in the URL hash: view, project, group, window, sort, cell.
  var defaults = { view: "overview", project: "", group: "", window: "30", sort: "name", cell: "" };
  function readState() {
    var state = Object.assign({}, defaults);
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    Object.keys(defaults).forEach(function (key) { if (params.has(key)) state[key] = params.get(key); });
    return state;
  }
  function writeState(state, replace) {
    var params = new URLSearchParams();
    Object.keys(defaults).forEach(function (key) {
      if (key === "view" || state[key] !== defaults[key]) params.set(key, state[key]);
    });
    var hash = "#" + params.toString();
    if (replace) { history.replaceState(null, "", hash); render(); } else { location.hash = hash; }
  }
  function update(changes, replace) { writeState(Object.assign(readState(), changes), replace); }

  // ---- Shared lookups.
  var symbols = { S: "✓", F: "✗", W: "!", C: "○", R: "…", "-": "·" };
  var words = { S: "success", F: "failed", W: "passed with warnings", C: "canceled", R: "running", "-": "no run" };

  function windowNights(state) {
    var nights = store.overview ? store.overview.nights : [];
    var count = state.window === "all" ? nights.length : Math.max(1, parseInt(state.window, 10) || 30);
    return nights.slice(Math.max(0, nights.length - count));
  }
  function groupOf(path) { var i = path.lastIndexOf("/"); return i < 0 ? path : path.slice(0, i); }
  function projectMatches(state, path) {
    if (state.group && groupOf(path) !== state.group && path.indexOf(state.group + "/") !== 0) return false;
    return !state.project || path.toLowerCase().indexOf(state.project.toLowerCase()) >= 0;
  }
  function assignments() { return store.assignments || { assignments: [], clusters: [] }; }
  // The issue a job is assigned to: its own assignment first, else its cluster's. Read from the
  // assignments rather than the record's `issue` (the book as of the export): `serve` hands the
  // page the workspace's current assignments, so an assignment made since shows at once.
  function issueFor(job) {
    var book = assignments();
    var own = book.assignments.filter(function (a) { return a.job === job.job; });
    if (own.length) return own[own.length - 1].issue;
    return clusterIssue(job.cluster);
  }
  function clusterIssue(cluster) {
    if (!cluster) return null;
    var hits = assignments().clusters.filter(function (a) { return a.cluster === cluster; });
    return hits.length ? hits[hits.length - 1].issue : null;
  }
  function issueNode(issue) {
    if (!issue) return el("span", { class: "untriaged" }, ["untriaged"]);
    var label = issue.project + "#" + issue.iid;
    return el("span", { class: "issue" }, [link(issue.url, label), issue.title ? " " + issue.title : null]);
  }
  // A cluster's title (`ClusterTitle.marked`): a member's line, its varying parts between ‹ and ›
  // shown as <mark>; the template when the data has no title.
  function titleNode(item, tag) {
    var parts = String(item.title || item.template || "").split(/‹([^‹›]*)›/);
    return el(tag || "span", { class: "template" }, parts.map(function (part, i) {
      return i % 2 ? el("mark", { class: "varies" }, [part]) : part;
    }).filter(function (part) { return part !== ""; }));
  }
  function badges(item, lastNight) {
    var nodes = [];
    if (item.new || (item.first_night && item.first_night === lastNight)) nodes.push(el("span", { class: "badge new" }, ["NEW"]));
    if (item.flaky) nodes.push(el("span", { class: "badge flaky" }, ["flaky"]));
    return nodes;
  }

  // ---- Views.
  function renderOverview(state, main) {
    var overview = store.overview;
    var nights = windowNights(state);
    var offset = overview.nights.length - nights.length;
    var rows = overview.projects.filter(function (p) { return projectMatches(state, p.path); });
    function failures(p) { var n = 0; for (var i = offset; i < p.cells.length; i++) if (p.cells[i] === "F") n++; return n; }
    if (state.sort === "failures") {
      rows = rows.map(function (p) { return [failures(p), p]; })
        .sort(function (a, b) { return b[0] - a[0] || (a[1].path < b[1].path ? -1 : 1); })
        .map(function (pair) { return pair[1]; });
    }
    main.appendChild(el("h2", {}, ["Overview"]));
    main.appendChild(el("p", { class: "note" }, [rows.length + " projects × " + nights.length + " nights, newest night on the right. Select a cell to list that pipeline's failed jobs."]));
    main.appendChild(el("ul", { class: "legend", "aria-label": "Legend" }, "SFWC-".split("").map(function (code) {
      return el("li", {}, [el("span", { class: "cell s-" + code, "aria-hidden": "true" }, [symbols[code]]), " " + words[code]]);
    })));
    var sortButton = el("button", { type: "button", id: "sort" }, [state.sort === "failures" ? "Sort by name" : "Sort by failures"]);
    sortButton.addEventListener("click", function () { update({ sort: state.sort === "failures" ? "name" : "failures" }); });
    var head = el("tr", {}, [el("th", { scope: "col" }, [sortButton])].concat(nights.map(function (night) {
      return el("th", { scope: "col", title: night }, [night.slice(5)]);
    })));
    var body = el("tbody", {}, rows.map(function (p) {
      var cells = nights.map(function (night, i) {
        var code = p.cells.charAt(offset + i) || "-";
        var key = p.path + "@" + night;
        var button = el("button", {
          type: "button", class: "cell s-" + code, "data-cell": key, title: night + ": " + words[code],
          "aria-label": p.path + ", " + night + ": " + words[code], "aria-pressed": state.cell === key ? "true" : "false"
        }, [symbols[code]]);
        button.addEventListener("click", function () { update({ cell: state.cell === key ? "" : key }); });
        return el("td", {}, [button]);
      });
      return el("tr", {}, [el("th", { scope: "row" }, [link(p.web_url, p.path)])].concat(cells));
    }));
    main.appendChild(el("div", { class: "scroll heatmap-scroll" }, [el("table", { class: "heatmap" }, [
      el("caption", { class: "note" }, ["Nightly pipelines by project and night"]), el("thead", {}, [head]), body
    ])]));
    if (state.cell) {
      var at = state.cell.lastIndexOf("@");
      var project = state.cell.slice(0, at), night = state.cell.slice(at + 1);
      var panel = el("section", { id: "cell-jobs", "aria-label": "Failed jobs of the selected pipeline" }, [el("p", { class: "note" }, ["Loading…"])]);
      main.appendChild(panel);
      return load("night/" + night, "data/nights/" + night + ".js").then(function (data) {
        panel.textContent = "";
        var jobs = (data ? data.jobs : []).filter(function (j) { return j.project === project; });
        panel.appendChild(el("h3", {}, [project + " — " + night]));
        if (!jobs.length) { panel.appendChild(el("p", { class: "note" }, ["No failed jobs."])); return; }
        panel.appendChild(el("p", {}, [link(jobs[0].pipeline_url, "pipeline " + jobs[0].pipeline)]));
        panel.appendChild(jobList(jobs));
      });
    }
  }

  function jobList(jobs) {
    return el("ul", { class: "jobs" }, jobs.map(function (job) {
      return el("li", { class: "job", "data-job": job.job }, [
        el("div", {}, [
          el("strong", {}, [job.project]), " ", link(job.web_url, job.name), " ",
          el("span", { class: "note" }, [job.stage + " · " + (job.allow_failure ? "allowed to fail · " : "") + (job.failure_reason || "failed")]),
        ]),
        job.commit_title ? el("div", { class: "note" }, ["commit: " + job.commit_title]) : null,
        job.key_lines && job.key_lines.length ? el("pre", { class: "excerpt" }, [job.key_lines.join("\n")]) : null,
        job.changes ? changesNode(job.changes) : null,
        el("div", {}, ["issue: ", issueNode(issueFor(job))]),
      ]);
    }));
  }

  // Since when a job of last night fails, and the top suspect of the night it began.
  function changesNode(changes) {
    var suspect = changes.suspect;
    return el("div", { class: "changes", "data-since": changes.since }, [
      el("span", { class: "since" }, ["since " + changes.since + " (" + plural(changes.nights, "night") + ")"]),
      " · top suspect: ",
      suspect
        ? el("span", { class: "suspect", title: suspect.ecosystem + ": " + suspect.failing + " newly failing, " + suspect.green + " still green with it; rank " + suspect.rank + " that night" }, [suspect.text])
        : el("span", { class: "note" }, ["none found"]),
    ]);
  }

  function renderLastNight(state, main) {
    var night = store.overview.last_night;
    main.appendChild(el("h2", {}, ["Last night" + (night ? " — " + night : "")]));
    if (!night) { main.appendChild(el("p", { class: "note" }, ["The cache holds no night yet."])); return; }
    return load("night/" + night, "data/nights/" + night + ".js").then(function (data) {
      var jobs = (data ? data.jobs : []).filter(function (j) { return !j.allow_failure && projectMatches(state, j.project); });
      var projects = {};
      jobs.forEach(function (j) { projects[j.project] = true; });
      main.appendChild(el("p", { id: "last-night-summary" }, [plural(jobs.length, "failed job") + " in " + plural(Object.keys(projects).length, "project")]));
      var groups = {}, order = [];
      jobs.forEach(function (job) {
        var key = job.cluster || "";
        if (!groups[key]) { groups[key] = []; order.push(key); }
        groups[key].push(job);
      });
      order.sort(function (a, b) {
        var ga = groups[a], gb = groups[b];
        if (!a !== !b) return a ? -1 : 1;
        if (ga[0].new !== gb[0].new) return ga[0].new ? -1 : 1;
        return gb.length - ga.length || (a < b ? -1 : 1);
      });
      order.forEach(function (key) {
        var members = groups[key], first = members[0];
        var title = key
          ? [].concat(badges(first), [first.title || first.template ? titleNode(first) : key, " ", el("code", {}, [key]), " · " + plural(members.length, "job")])
          : ["Not clustered · " + plural(members.length, "job")];
        main.appendChild(el("section", { class: "cluster-group", "data-cluster": key || null }, [
          el("h3", {}, title),
          key ? el("p", {}, ["cluster issue: ", issueNode(clusterIssue(key))]) : null,
          jobList(members),
        ]));
      });
    });
  }

  function renderClusters(state, main) {
    main.appendChild(el("h2", {}, ["Clusters"]));
    return load("clusters", "data/clusters.js").then(function (data) {
      if (!data) { main.appendChild(el("p", { class: "note" }, ["No cluster data."])); return; }
      var nights = windowNights(state);
      var from = data.nights.length - nights.length;
      var last = store.overview.last_night;
      var rows = data.clusters.map(function (c) {
        var series = nights.map(function () { return 0; }), total = 0;
        c.counts.forEach(function (pair) { if (pair[0] >= from) { series[pair[0] - from] = pair[1]; total += pair[1]; } });
        return { cluster: c, series: series, total: total };
      }).filter(function (r) {
        return r.total > 0 && r.cluster.projects.some(function (p) { return projectMatches(state, p); });
      }).sort(function (a, b) {
        return b.total - a.total || (a.cluster.last_night < b.cluster.last_night ? 1 : a.cluster.last_night > b.cluster.last_night ? -1 : 0) || (a.cluster.id < b.cluster.id ? -1 : 1);
      });
      var shown = rows.slice(0, 300);
      main.appendChild(el("p", { class: "note" }, [rows.length + " clusters with failures in the last " + nights.length + " nights, by prevalence" + (rows.length > shown.length ? " (first " + shown.length + " shown)" : "") + "."]));
      var blocks = "▁▂▃▄▅▆▇█";
      var body = el("tbody", {}, shown.map(function (r, i) {
        var c = r.cluster, max = Math.max.apply(null, r.series.concat([1]));
        var spark = r.series.map(function (n) { return n ? blocks.charAt(Math.min(7, Math.ceil(n / max * 7))) : " "; }).join("");
        return el("tr", { "data-cluster": c.id }, [
          el("td", {}, [String(i + 1)]),
          el("td", {}, [].concat(badges(c, last), [el("code", {}, [c.id]), titleNode(c, "div")])),
          el("td", {}, [el("span", { class: "spark", role: "img", "aria-label": "failures per night: " + r.series.join(", ") }, [spark])]),
          el("td", {}, [String(r.total)]),
          el("td", { title: c.projects.join("\n") }, [c.projects.length + (c.projects.length === 1 ? " project: " + c.projects[0] : " projects")]),
          el("td", {}, [c.first_night + " → " + c.last_night]),
          el("td", {}, [issueNode(clusterIssue(c.id))]),
        ]);
      }));
      main.appendChild(el("div", { class: "scroll" }, [el("table", { class: "data clusters" }, [
        el("thead", {}, [el("tr", {}, ["#", "Cluster", "Nights", "Failures", "Projects", "Seen", "Issue"].map(function (h) { return el("th", { scope: "col" }, [h]); }))]),
        body,
      ])]));
    });
  }

  function renderWarnings(state, main) {
    main.appendChild(el("h2", {}, ["Passed with warnings"]));
    return load("warnings", "data/warnings.js").then(function (data) {
      var nights = windowNights(state);
      var first = nights[0] || "";
      var pipelines = (data ? data.pipelines : []).filter(function (p) { return p.night >= first && projectMatches(state, p.project); });
      main.appendChild(el("p", { class: "note" }, [pipelines.length + " pipelines passed with allowed failures in the last " + nights.length + " nights."]));
      main.appendChild(el("ul", { class: "jobs" }, pipelines.map(function (p) {
        return el("li", { "data-pipeline": p.pipeline }, [
          el("strong", {}, [p.project]), " " + p.night + " ", link(p.web_url, "pipeline " + p.pipeline),
          el("ul", {}, p.jobs.map(function (j) {
            return el("li", { "data-job": j.job }, [link(j.web_url, j.name), " " + j.stage + " · " + (j.failure_reason || "failed")]);
          })),
        ]);
      })));
    });
  }

  // One cell a night, its character that of `issues --ranked`'s strip (. none, 1-9, + ten or more).
  function strip(counts, nights) {
    var text = counts.map(function (n) { return n === 0 ? "." : n < 10 ? String(n) : "+"; }).join("");
    return el("span", { class: "strip", role: "img", "aria-label": "failures per night from " + (nights[0] || "") + ": " + counts.join(", ") },
      counts.map(function (n, i) {
        var level = n === 0 ? 0 : n === 1 ? 1 : n < 5 ? 2 : n < 10 ? 3 : 4;
        return el("span", { class: "n n-" + level, title: (nights[i] || "") + ": " + plural(n, "failure"), "aria-hidden": "true" }, [text.charAt(i)]);
      }));
  }
  var trends = { rising: "↗ rising", steady: "→ steady", fading: "↘ fading" };
  function stateText(row) {
    if (row.state === "opened") return "open";
    if (row.state === "closed") return row.closed_but_failing ? "closed, still failing" : "closed";
    return "-";
  }

  function renderRanking(main) {
    return Promise.all([load("ranking", "data/ranking.js"), load("clusters", "data/clusters.js")]).then(function (loaded) {
      var data = loaded[0], titles = {};
      ((loaded[1] || {}).clusters || []).forEach(function (c) { titles[c.id] = c; });
      var rows = data ? data.rows : [];
      var nights = data ? data.nights : [];
      main.appendChild(el("h3", {}, ["Issues ranked (" + rows.length + ")"]));
      main.appendChild(el("p", { class: "note" }, ["By failures over the " + nights.length + " nights " + (nights[0] || "") + " … " + (nights[nights.length - 1] || "") + ", as 'issues --ranked 30d' says the morning after; untriaged clusters are rows too (no issue yet). Every project counts: the filters do not apply."]));
      var body = el("tbody", {}, rows.map(function (r, i) {
        var name = r.issue
          ? el("span", { class: "issue" }, [link(r.issue.url, r.issue.project + "#" + r.issue.iid), r.issue.title ? " " + r.issue.title : null])
          : el("span", { class: "untriaged" }, ["no issue yet: ", el("code", {}, [r.cluster])].concat(titles[r.cluster] ? [" ", titleNode(titles[r.cluster])] : []));
        var stateCell = r.closed_but_failing
          ? el("td", { class: "still-failing" }, ["⚠ " + stateText(r)])
          : el("td", {}, [stateText(r)]);
        return el("tr", { class: "ranked", "data-rank": i + 1, "data-issue": r.issue ? r.issue.project + "#" + r.issue.iid : null, "data-cluster": r.issue ? null : r.cluster }, [
          el("td", {}, [String(i + 1)]), el("td", {}, [name]), stateCell, el("td", {}, [String(r.failures)]),
          el("td", {}, [trends[r.trend] || r.trend]), el("td", {}, [String(r.projects)]),
          el("td", {}, [strip(r.counts, nights)]), el("td", {}, [r.last || "-"]),
        ]);
      }));
      main.appendChild(el("div", { class: "scroll" }, [el("table", { class: "data ranking" }, [
        el("thead", {}, [el("tr", {}, ["#", "Issue", "State", "Failures", "Trend", "Projects", "Nights", "Last"].map(function (h) { return el("th", { scope: "col" }, [h]); }))]),
        body,
      ])]));
    });
  }

  function renderAssignments(state, main) {
    var book = assignments();
    main.appendChild(el("h2", {}, ["Assignments"]));
    var ranking = el("section", { id: "ranking", "aria-label": "Issues ranked by failures" }, []);
    main.appendChild(ranking);
    var jobs = book.assignments.filter(function (a) { return projectMatches(state, a.project); });
    var heads = ["Job", "Project", "Night", "Cluster", "Issue", "By", "At", "Note"];
    main.appendChild(el("h3", {}, ["Jobs (" + jobs.length + ")"]));
    main.appendChild(el("div", { class: "scroll" }, [el("table", { class: "data assignments" }, [
      el("thead", {}, [el("tr", {}, heads.map(function (h) { return el("th", { scope: "col" }, [h]); }))]),
      el("tbody", {}, jobs.map(function (a) {
        return el("tr", { "data-job": a.job }, [
          el("td", {}, [String(a.job)]), el("td", {}, [a.project]), el("td", {}, [a.night || ""]),
          el("td", {}, [el("code", {}, [a.cluster || ""])]), el("td", {}, [issueNode(a.issue)]),
          el("td", {}, [a.by]), el("td", {}, [a.at]), el("td", {}, [a.note || ""]),
        ]);
      })),
    ])]));
    main.appendChild(el("h3", {}, ["Clusters (" + book.clusters.length + ")"]));
    main.appendChild(el("div", { class: "scroll" }, [el("table", { class: "data assignments" }, [
      el("thead", {}, [el("tr", {}, ["Cluster", "Issue", "By", "At", "Note"].map(function (h) { return el("th", { scope: "col" }, [h]); }))]),
      el("tbody", {}, book.clusters.map(function (a) {
        return el("tr", { "data-cluster": a.cluster }, [
          el("td", {}, [el("code", {}, [a.cluster])]), el("td", {}, [issueNode(a.issue)]),
          el("td", {}, [a.by]), el("td", {}, [a.at]), el("td", {}, [a.note || ""]),
        ]);
      })),
    ])]));
    return renderRanking(ranking);
  }

  var views = { overview: renderOverview, "last-night": renderLastNight, clusters: renderClusters, warnings: renderWarnings, assignments: renderAssignments };
  var generation = 0;

  function render() {
    var state = readState();
    if (!views[state.view]) state.view = "overview";
    var main = document.getElementById("main");
    var mine = ++generation;
    document.body.removeAttribute("data-ready");
    Array.prototype.forEach.call(document.querySelectorAll("#tabs a"), function (a) {
      if (a.getAttribute("data-view") === state.view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
    });
    syncFilters(state);
    // Where the reader left the heatmap: kept across re-renders unless it showed the newest night.
    var heat = main.querySelector(".heatmap-scroll");
    var keep = heat && heat.scrollLeft < heat.scrollWidth - heat.clientWidth - 1 ? heat.scrollLeft : null;
    main.textContent = "";
    if (!store.overview) { main.appendChild(el("p", { class: "note" }, ["No data: run 'triage export' again."])); return; }
    var content = el("div", {}, []);
    Promise.resolve(views[state.view](state, content)).then(function () {
      if (mine !== generation) return;
      main.textContent = "";
      main.appendChild(content);
      // The heatmap opens on the newest night (its right end).
      var shown = main.querySelector(".heatmap-scroll");
      if (shown) shown.scrollLeft = keep === null ? shown.scrollWidth : keep;
      document.body.setAttribute("data-view", state.view);
      document.body.setAttribute("data-ready", "true");
      if (!document.documentElement.hasAttribute("data-first-render-ms")) {
        document.documentElement.setAttribute("data-first-render-ms", String(Math.round(performance.now())));
      }
    });
  }

  function syncFilters(state) {
    var project = document.getElementById("f-project"), group = document.getElementById("f-group"), windowSelect = document.getElementById("f-window");
    if (document.activeElement !== project) project.value = state.project;
    if (group.options.length <= 1 && store.overview) {
      var groups = {};
      store.overview.projects.forEach(function (p) { groups[p.group] = true; });
      Object.keys(groups).sort().forEach(function (g) { group.appendChild(el("option", { value: g }, [g])); });
    }
    group.value = state.group;
    windowSelect.value = state.window;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("f-project").addEventListener("input", function (e) { update({ project: e.target.value }, true); });
    document.getElementById("f-group").addEventListener("change", function (e) { update({ group: e.target.value }); });
    document.getElementById("f-window").addEventListener("change", function (e) { update({ window: e.target.value }); });
    document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("hashchange", render);
    render();
  });
})();