/** How a table column gives way when the terminal is narrower than the table. */
export interface ColumnSpec {
  /** The column may be cut down to this many display columns (its text then ends in "…"). */
  shrink?: number;
  /** Droppable columns are left out until this column keeps at least this width (or all its text). */
  want?: number;
  /** The column may be left out when the table does not fit; higher goes first. */
  drop?: number;
}

/**
 * Column widths that fit `total` display columns with `gap` between columns. Droppable columns are
 * left out one by one (highest `drop` first) until every column's `want` is met; within a layout
 * the shrinkable columns give way, widest first, down to their `shrink`. A left-out column has
 * width 0. A table whose fixed columns alone are wider than `total` comes back as narrow as it
 * can be. Pure.
 */
export function fitColumns(specs: readonly ColumnSpec[], natural: readonly number[], total: number, gap: number): number[] {
  const order = specs
    .map((s, i) => ({ i, drop: s.drop }))
    .filter((c): c is { i: number; drop: number } => c.drop != null)
    .sort((a, b) => b.drop - a.drop || b.i - a.i);
  const dropped = new Set<number>();
  for (let k = 0; ; k++) {
    const { widths, fits } = shrinkToFit(specs, natural, dropped, total, gap);
    const content = widths.every((w, i) => dropped.has(i) || w >= Math.min(specs[i]!.want ?? 0, natural[i]!));
    if ((fits && content) || k >= order.length) return widths;
    dropped.add(order[k]!.i);
  }
}

function shrinkToFit(specs: readonly ColumnSpec[], natural: readonly number[], dropped: ReadonlySet<number>, total: number, gap: number) {
  const widths = natural.map((w, i) => (dropped.has(i) ? 0 : w));
  const shown = natural.length - dropped.size;
  let excess = widths.reduce((a, b) => a + b, 0) + gap * Math.max(0, shown - 1) - total;
  const canShrink = (i: number) => !dropped.has(i) && specs[i]!.shrink != null && widths[i]! > specs[i]!.shrink!;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (canShrink(i) && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break;
    // Cut the widest column only down to the next widest, so that cuts spread evenly.
    const next = Math.max(specs[widest]!.shrink!, ...widths.map((w, i) => (i !== widest && canShrink(i) ? w : 0)));
    const cut = Math.min(excess, Math.max(1, widths[widest]! - next));
    widths[widest] = widths[widest]! - cut;
    excess -= cut;
  }
  return { widths, fits: excess <= 0 };
}
