// Reordering the approved agenda: the list that PUT .../agenda/order receives.

/** The list with the entry at `index` moved by `offset` places; the same list when it cannot move. */
export function moveBy<T>(list: readonly T[], index: number, offset: number): readonly T[] {
  const target = index + offset;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length || offset === 0) return list;
  const moved = [...list];
  const [entry] = moved.splice(index, 1);
  moved.splice(target, 0, entry as T);
  return moved;
}

/** The list with `id` dropped where `targetId` was (for dragging one item onto another). */
export function moveOnto(ids: readonly string[], id: string, targetId: string): readonly string[] {
  const from = ids.indexOf(id);
  const to = ids.indexOf(targetId);
  if (from < 0 || to < 0) return ids;
  return moveBy(ids, from, to - from);
}
