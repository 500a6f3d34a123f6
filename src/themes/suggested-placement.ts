/**
 * Where Claude's answer puts an unplaced issue: `analyze` offered a shortlist of live themes and
 * stored the one the model said the issue belongs to (issues.suggested_cluster_id). If that theme
 * is still live, the issue goes there; if it has since been merged, its survivor takes it (the
 * merged_into chain is followed to the end). Anything else (no answer, an id this database does
 * not know, a chain that loops) returns null, and the local clustering places the issue. Pure.
 */
export function suggestedPlacement(
  suggestedId: number | null,
  themes: { readonly live: { has(id: number): boolean }; readonly mergedInto: ReadonlyMap<number, number> },
): number | null {
  if (suggestedId === null) return null;
  let id = suggestedId;
  for (let hops = 0; hops <= themes.mergedInto.size; hops++) {
    if (themes.live.has(id)) return id;
    const next = themes.mergedInto.get(id);
    if (next === undefined) return null;
    id = next;
  }
  return null; // a cycle: never written by the merge path, but a hand-edited database may hold one
}
