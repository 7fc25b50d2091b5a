// After a save is refused as stale (412): what someone else changed meanwhile, and which of those changes
// clash with the ones being saved. Nothing typed is dropped: a clash keeps the typed value until the person
// chooses theirs.

export interface FieldSpec<D> {
  name: keyof D & string;
  label: string;
  /** The value as people read it, e.g. "(empty)" or a list joined by semicolons. */
  show(value: D[keyof D]): string;
}

export interface TheirChange {
  name: string;
  label: string;
  theirs: string;
  yours: string;
  /** Both changed the field, to different values: the person chooses. */
  clash: boolean;
}

export interface ThreeWayResult<D> {
  /** Theirs where only they changed a field; yours everywhere else. */
  merged: D;
  /** The fields they changed, in the order of `fields`. */
  changes: TheirChange[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Compares what was read (`base`), what is saved now (`theirs`) and what was typed (`yours`). */
export function threeWayMerge<D extends object>(
  base: D,
  theirs: D,
  yours: D,
  fields: FieldSpec<D>[],
): ThreeWayResult<D> {
  const merged = { ...yours };
  const changes: TheirChange[] = [];
  for (const field of fields) {
    const key = field.name;
    if (same(theirs[key], base[key])) continue;
    const youChanged = !same(yours[key], base[key]);
    if (!youChanged) merged[key] = theirs[key];
    changes.push({
      name: key,
      label: field.label,
      theirs: field.show(theirs[key]),
      yours: field.show(yours[key]),
      clash: youChanged && !same(yours[key], theirs[key]),
    });
  }
  return { merged, changes };
}

/** The fields of `draft` that differ from `base`: the body of a PATCH that sends only what changed. */
export function changedFields<D extends object>(base: D, draft: D): Partial<D> {
  const changed: Partial<D> = {};
  for (const key of Object.keys(draft) as (keyof D)[]) {
    if (!same(draft[key], base[key])) changed[key] = draft[key];
  }
  return changed;
}

/** Shows a text value, saying so when it is empty. */
export function showText(value: unknown): string {
  return typeof value === 'string' && value.trim() !== '' ? value : '(empty)';
}
