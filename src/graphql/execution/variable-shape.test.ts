import { readFileSync } from 'node:fs';
import { buildSchema, isInputObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema/schema.ts';
import { exceedsInputShape, inputShapeOf } from './variable-shape.ts';

const shape = inputShapeOf(schema);
const object = (keys: number) => Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, 'x']));

describe('the shape of a value some input type of the schema takes', () => {
  it('is as wide as the widest input type of the committed SDL', () => {
    const printed = buildSchema(readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8'));
    const widths = Object.values(printed.getTypeMap()).filter(isInputObjectType).map((type) => Object.keys(type.getFields()).length);
    expect(shape.maxKeys).toBe(Math.max(...widths));
  });

  it('is two deep: a list of input objects of scalars, the deepest argument (certificateValidities(inputs:))', () => {
    expect(shape.maxDepth).toBe(2);
  });
});

describe('exceedsInputShape', () => {
  it.each([
    ['a scalar', '1990-01-02', false],
    ['null', null, false],
    ['an object as wide as the widest input type', object(shape.maxKeys), false],
    ['a list of such objects', [object(shape.maxKeys), object(1)], false],
    ['an object one key wider', object(shape.maxKeys + 1), true],
    ['such an object inside a list', [object(1), object(shape.maxKeys + 1)], true],
    ['an object inside an object inside a list', [{ a: { b: 1 } }], true],
    ['a list of lists of lists', [[[1]]], true],
  ])('%s: %s', (_label, value, exceeds) => {
    expect(exceedsInputShape(value, shape)).toBe(exceeds);
  });

  it('walks a value nested 100,000 deep without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(exceedsInputShape(deep, shape)).toBe(true);
  });
});
