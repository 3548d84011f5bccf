// Live priorities: one slider per criterion and the ranking they give, updated in the browser.
//
// The server sends, per option, its 0-10 score on each criterion (staying flagged, not found by
// position) and, per criterion, its weight. Here we only add up: an option's total is the
// weighted sum  sum_k w_k s_k  with  w_k = weight_k / sum_j weight_j  (core/decision/matrix.py), and the
// weights at which the top option changes are where two straight lines cross
// (core/decision/sensitivity.py, weight_sensitivity). Nothing goes to the server while a slider moves: the
// weights are sent once, on release or after a pause in key presses (setStateValue "commit").
// Every name is set as text (textContent, setAttribute), never as HTML.
//
// Speed: the nodes are built once per set of options and criteria; an input only changes the
// weights and asks for one redraw in the next animation frame, which writes only the texts,
// attributes and styles that changed, and moves only the rows that are out of place.

const TIE = 1e-9 // core.decision.matrix.TIE_TOLERANCE
const KEY_PAUSE_MS = 400 // a pause in key presses this long commits the weights
const instances = new WeakMap() // parentElement -> this mount's state

// Numbers as core.decision.scoring.format_score writes them: round to 9 places (removing floating-point
// dust), then half away from zero; done on the decimal digits, so 5.35 shows 5.4.
function formatScore(x, places = 1) {
  const digits = Math.abs(x).toFixed(9).replace(".", "")
  const step = 10 ** (9 - places)
  const n = Math.floor((Number(digits) + step / 2) / step)
  const text = (n / 10 ** places).toFixed(places)
  return x < 0 && n > 0 ? "-" + text : text
}

function formatPoints(x) {
  const a = Math.abs(x)
  const r = Number(a.toFixed(9))
  return r > 0 && r < 0.05 ? formatScore(a, 2) : formatScore(a)
}

// The ranking ------------------------------------------------------------------------------------

function shares(weights) {
  const sum = weights.reduce((a, b) => a + b, 0)
  return sum > 0 ? weights.map((x) => x / sum) : null
}

function totalsOf(scores, w) {
  return scores.map((row) => row.reduce((t, s, k) => t + s * w[k], 0))
}

// 1 is best; totals within TIE share the better rank. Order: rank, then the scenario's order
// (staying is row 0 here, put first by its flag when the data arrives, so it comes first among
// equals), as DecisionMatrix.standings. `tied[i]`: another
// option has i's rank.
function ranking(totals) {
  const ranks = totals.map((t) => 1 + totals.filter((u) => u > t + TIE).length)
  const order = totals.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b] || a - b)
  const tied = order.map(() => false)
  for (let p = 1; p < order.length; p++) {
    if (ranks[order[p]] === ranks[order[p - 1]]) tied[order[p]] = tied[order[p - 1]] = true
  }
  return { ranks, order, tied }
}

// Weight sensitivity (core.decision.sensitivity.weight_sensitivity, the top option only) ----------

// R[i][k]: option i's total when criterion k weighs nothing and the others keep their proportions.
function linesAtZero(scores, w) {
  const m = w.length
  return scores.map((row) =>
    w.map((_, k) => {
      if (m === 1) return row[0]
      let rest = 0
      let sum = 0
      for (let j = 0; j < m; j++) if (j !== k) rest += w[j]
      for (let j = 0; j < m; j++) if (j !== k) sum += row[j] * (rest > 0 ? w[j] / rest : 1 / (m - 1))
      return sum
    }),
  )
}

const snap = (x) => (Math.abs(x) <= TIE ? 0 : x)

// Per criterion: the nearest share below and above today's at which another option gets strictly
// ahead of `top`, and which one (the steepest of those level with it there). null: no flip.
function flipsOf(scores, w, top) {
  const n = scores.length
  if (w.length === 1) return [{ down: null, up: null }]
  const R = linesAtZero(scores, w)
  return w.map((t0, k) => {
    let hi = Infinity
    let lo = -Infinity
    const leads = []
    for (let j = 0; j < n; j++) {
      if (j === top) continue
      const lead0 = snap(R[top][k] - R[j][k])
      const lead1 = snap(scores[top][k] - scores[j][k])
      const root = lead0 / (lead0 - lead1)
      if (lead1 < 0) hi = Math.min(hi, Math.max(lead0 > 0 ? root : 0, t0))
      if (lead0 < 0) lo = Math.max(lo, Math.min(lead1 > 0 ? root : 1, t0))
      leads.push([j, lead0, lead1])
    }
    const who = (t, ahead, sign) => {
      let best = -1
      let bestSlope = -Infinity
      for (const [j, lead0, lead1] of leads) {
        const slope = lead1 - lead0
        if (ahead(lead0, lead1) && lead0 + t * slope <= TIE && sign * slope > bestSlope) {
          best = j
          bestSlope = sign * slope
        }
      }
      return best
    }
    return {
      down: lo > -Infinity ? { share: lo, who: who(lo, (a) => a < 0, 1) } : null,
      up: hi < Infinity ? { share: hi, who: who(hi, (_, b) => b < 0, -1) } : null,
    }
  })
}

// The slider weight (others fixed) that gives criterion k the share t: t * rest / (1 - t).
function weightForShare(t, rest) {
  if (rest <= 0) return null
  return t >= 1 ? Infinity : (t * rest) / (1 - t)
}

// Drawing ----------------------------------------------------------------------------------------

function el(tag, className, text) {
  const e = document.createElement(tag)
  if (className) e.className = className
  if (text !== undefined) e.textContent = text
  return e
}

// Change the page only where something changed: every write invalidates layout, and a slider
// move changes few of the texts a ranking of 50 options shows.
function setText(e, text) {
  if (e.textContent !== text) e.textContent = text
}

function setStyle(e, name, value) {
  if (e.style[name] !== value) e.style[name] = value
}

function setAttr(e, name, value) {
  if (e.getAttribute(name) !== value) e.setAttribute(name, value)
}

// Put the rows in `order`, moving only those out of place: a moved row is laid out again, the
// others keep their layout (a drag reorders a few neighbours, not the whole list).
function reorder(bars, rows, order) {
  let next = bars.firstChild
  for (const i of order) {
    const row = rows[i].row
    if (row === next) next = next.nextSibling
    else bars.insertBefore(row, next)
  }
}

function build(root, s) {
  const controls = root.querySelector(".lp-controls")
  const bars = root.querySelector(".lp-bars")
  controls.replaceChildren()
  bars.replaceChildren()
  s.sliders = s.criteria.map((c, k) => {
    const box = el("div", "lp-control")
    box.setAttribute("data-criterion", c.name)
    const head = el("div", "lp-head")
    const name = el("span", "lp-name", c.name)
    const share = el("span", "lp-share")
    head.append(name, share)
    const track = el("div", "lp-track")
    track.setAttribute("role", "slider")
    track.setAttribute("tabindex", "0")
    track.setAttribute("aria-label", c.name)
    track.setAttribute("aria-valuemin", "0")
    track.setAttribute("aria-valuemax", String(s.max))
    const fill = el("div", "lp-fill")
    const marks = el("div", "lp-marks")
    // Where the top option changes, below and above today's weight (shown when on the track).
    const mark = { down: el("span", "lp-mark"), up: el("span", "lp-mark") }
    for (const side of ["down", "up"]) {
      mark[side].setAttribute("data-side", side)
      mark[side].hidden = true
      marks.append(mark[side])
    }
    const thumb = el("div", "lp-thumb")
    track.append(fill, marks, thumb)
    const flips = el("div", "lp-flips")
    box.append(head, track, flips)
    controls.append(box)
    wire(track, k, s)
    return { box, share, track, fill, mark, thumb, flips }
  })
  s.rows = s.options.map((o) => {
    const row = el("div", "lp-row" + (o.staying ? " lp-staying" : ""))
    const rank = el("span", "lp-rank")
    const name = el("span", "lp-label", o.name)
    name.title = o.name // the whole name, when the row cuts it short
    const area = el("div", "lp-area")
    const bar = el("div", "lp-bar")
    bar.style.background = o.color
    area.append(bar)
    const total = el("span", "lp-total")
    total.setAttribute("data-option", o.name)
    const diff = el("span", "lp-diff")
    row.append(rank, name, area, total, diff)
    bars.append(row)
    return { row, rank, bar, total, diff }
  })
}

// One redraw per animation frame, however many inputs arrive in it.
function schedule(s) {
  if (!s.frame) s.frame = requestAnimationFrame(() => paint(s.root, s))
}

function paint(root, s) {
  cancelAnimationFrame(s.frame)
  s.frame = 0
  const w = shares(s.weights)
  const message = root.querySelector(".lp-message")
  const verdict = root.querySelector(".lp-verdict")
  const ranked = root.querySelector(".lp-ranked")
  s.criteria.forEach((c, k) => {
    const ui = s.sliders[k]
    const pct = w ? Math.round(100 * w[k]) : 0
    setText(ui.share, `${pct}%`)
    setAttr(ui.track, "aria-valuenow", String(Math.round(s.weights[k] * 100) / 100))
    setAttr(ui.track, "aria-valuetext", `${pct}% of the decision`)
    const pos = `${(100 * s.weights[k]) / s.max}%`
    setStyle(ui.fill, "width", pos)
    setStyle(ui.thumb, "left", pos)
  })
  message.hidden = !!w || !!s.notReady
  ranked.hidden = !w || !!s.notReady
  if (s.notReady) {
    message.hidden = false
    message.textContent = s.notReady
  } else if (!w) {
    message.textContent = s.zeroMessage
  }
  if (!w || s.notReady) {
    s.sliders.forEach((ui) => {
      ui.mark.down.hidden = ui.mark.up.hidden = true
      setText(ui.flips, "")
    })
    return
  }
  const totals = totalsOf(s.scores, w)
  const { ranks, order, tied } = ranking(totals)
  const staying = totals[0]
  s.options.forEach((o, i) => {
    const ui = s.rows[i]
    setText(ui.rank, (tied[i] ? "=" : "") + ranks[i])
    setStyle(ui.bar, "transform", `scaleX(${totals[i] / 10})`)
    setText(ui.total, formatScore(totals[i]))
    setAttr(ui.total, "data-total", String(totals[i]))
    setAttr(ui.total, "data-rank", String(ranks[i]))
    const d = totals[i] - staying
    setText(ui.diff, i === 0 ? "staying" : `${d >= -TIE ? "+" : "−"}${formatPoints(d)}`)
  })
  reorder(root.querySelector(".lp-bars"), s.rows, order)
  // The staying line: one element over every row, moved by its own width's share (the bars' area).
  setStyle(root.querySelector(".lp-ref"), "transform", `translateX(${10 * staying}%)`)
  setText(verdict, sentence(s, totals, ranks, order))
  paintFlips(s, w, order[0])
}

function sentence(s, totals, ranks, order) {
  const top = order[0]
  const tied = order.filter((i) => ranks[i] === ranks[top])
  const names = tied.map((i) => s.options[i].name)
  if (tied.length > 1) {
    const list = names.slice(0, -1).join(", ") + " and " + names[names.length - 1]
    return `It's a tie at the top: ${list} score ${formatScore(totals[top])} each.`
  }
  if (top === 0) return `Staying comes out on top (${formatScore(totals[0])} out of 10).`
  return `${names[0]} comes out on top: ${formatScore(totals[top])} out of 10, ${formatPoints(totals[top] - totals[0])} points above staying.`
}

function paintFlips(s, w, top) {
  const flips = flipsOf(s.scores, w, top)
  const sum = s.weights.reduce((a, b) => a + b, 0)
  flips.forEach((f, k) => {
    const ui = s.sliders[k]
    const words = []
    for (const side of ["down", "up"]) {
      const flip = f[side]
      const mark = ui.mark[side]
      const at = flip && flip.who >= 0 ? weightForShare(flip.share, sum - s.weights[k]) : null
      mark.hidden = at === null || at > s.max + 1e-9
      if (mark.hidden) continue
      const who = s.options[flip.who].name
      const where = `${side === "up" ? "above" : "below"} ${formatScore(at, 0)}`
      setStyle(mark, "left", `${(100 * at) / s.max}%`)
      setStyle(mark, "background", s.options[flip.who].color)
      setAttr(mark, "data-share", String(flip.share))
      setAttr(mark, "data-weight", String(at))
      setAttr(mark, "data-takes-over", who)
      setAttr(mark, "title", `${where}: ${who} on top`)
      words.push(`${where}: ${who}`)
    }
    setText(ui.flips, words.length ? `Top changes ${words.join("; ")}` : "")
  })
}

// Input ------------------------------------------------------------------------------------------

function set(s, k, value) {
  const v = Math.min(s.max, Math.max(0, Math.round(value)))
  if (v === s.weights[k]) return false
  s.weights[k] = v
  s.dirty = true
  schedule(s)
  return true
}

function commit(s) {
  clearTimeout(s.timer)
  s.timer = null
  if (!s.dirty) return
  s.dirty = false
  s.seq += 1
  s.setStateValue("commit", {
    token: s.token,
    seq: s.seq,
    weights: Object.fromEntries(s.criteria.map((c, k) => [c.id, s.weights[k]])),
  })
}

function wire(track, k, s) {
  track.onkeydown = (e) => {
    const v = s.weights[k]
    const by = { ArrowRight: s.step, ArrowUp: s.step, ArrowLeft: -s.step, ArrowDown: -s.step,
      PageUp: s.page, PageDown: -s.page }
    let next = null
    if (e.key in by) next = v + by[e.key]
    else if (e.key === "Home") next = 0
    else if (e.key === "End") next = s.max
    if (next === null) return
    e.preventDefault()
    set(s, k, next)
    clearTimeout(s.timer)
    s.timer = setTimeout(() => commit(s), KEY_PAUSE_MS)
  }
  const valueAt = (e) => {
    const box = track.getBoundingClientRect()
    return ((e.clientX - box.left) / box.width) * s.max
  }
  track.onpointerdown = (e) => {
    if (e.button !== 0) return
    track.setPointerCapture(e.pointerId)
    track.focus()
    s.dragging = true
    clearTimeout(s.timer)
    set(s, k, valueAt(e))
    e.preventDefault()
  }
  track.onpointermove = (e) => {
    if (s.dragging && track.hasPointerCapture(e.pointerId)) set(s, k, valueAt(e))
  }
  track.onpointerup = track.onpointercancel = (e) => {
    if (!s.dragging) return
    s.dragging = false
    if (track.hasPointerCapture(e.pointerId)) track.releasePointerCapture(e.pointerId)
    commit(s)
  }
}

// Mounting ---------------------------------------------------------------------------------------

export default function (component) {
  const { data, parentElement, setStateValue } = component
  const root = parentElement.querySelector(".lp")
  if (!root || !data) return
  let s = instances.get(parentElement)
  const ids = data.criteria.map((c) => c.id).join("\n")
  const shape = JSON.stringify([data.criteria.map((c) => [c.id, c.name]),
    data.options.map((o) => [o.id, o.name, o.color, !!o.staying])])
  if (!s) {
    s = { root, seq: 0, token: Math.random().toString(36).slice(2), dirty: false, timer: null, frame: 0 }
    instances.set(parentElement, s)
  }
  s.setStateValue = setStateValue
  // Staying first, found by its flag; then the options in the scenario's order.
  const options = [...data.options.filter((o) => o.staying), ...data.options.filter((o) => !o.staying)]
  s.options = options
  s.scores = options.map((o) => o.scores.map(Number))
  s.criteria = data.criteria
  s.max = data.max
  s.step = data.step
  s.page = data.page_step
  s.zeroMessage = data.zero_message
  s.notReady = data.not_ready || null
  // The server's weights win unless this tab has changes it has not sent, or sent and not yet
  // seen come back: an older answer must never undo a key press made since.
  const ack = data.ack || {}
  const caughtUp = s.seq === 0 || (ack.token === s.token && ack.seq >= s.seq)
  if (!s.weights || s.ids !== ids || (!s.dirty && !s.dragging && caughtUp)) {
    s.weights = data.criteria.map((c) => Number(c.weight))
    s.ids = ids
  }
  if (s.shape !== shape) {
    build(root, s)
    s.shape = shape
  }
  paint(root, s)
  return () => {
    cancelAnimationFrame(s.frame)
    s.frame = 0
    if (s.dirty) commit(s)
    instances.delete(parentElement)
  }
}
