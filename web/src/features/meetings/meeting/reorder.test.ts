import { describe, expect, it } from 'vitest';
import { moveBy, moveOnto } from './reorder';

describe('moveBy', () => {
  const list = ['a', 'b', 'c', 'd'];

  it('moves an entry up or down', () => {
    expect(moveBy(list, 2, -1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveBy(list, 0, 1)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveBy(list, 0, 3)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('leaves the list alone at its ends and for nonsense', () => {
    expect(moveBy(list, 0, -1)).toBe(list);
    expect(moveBy(list, 3, 1)).toBe(list);
    expect(moveBy(list, 7, -1)).toBe(list);
    expect(moveBy(list, 1, 0)).toBe(list);
  });

  it('does not change the list it is given', () => {
    moveBy(list, 1, 1);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('moveOnto', () => {
  it('drops an item where another one was', () => {
    expect(moveOnto(['a', 'b', 'c', 'd'], 'a', 'c')).toEqual(['b', 'c', 'a', 'd']);
    expect(moveOnto(['a', 'b', 'c', 'd'], 'd', 'b')).toEqual(['a', 'd', 'b', 'c']);
    expect(moveOnto(['a', 'b'], 'a', 'zz')).toEqual(['a', 'b']);
  });
});
