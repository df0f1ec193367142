import { ChangeType, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { parseChangelog, type ChangelogSection } from '../src/schema-version.ts';

/** One change of `schema/schema.graphql`: a commit of the history, or the working tree. */
export interface SchemaStep {
  /** How the report names it: a short commit id, or "the working tree". */
  label: string;
  /** The day it was made, YYYY-MM-DD in Asia/Tokyo. */
  day: string;
  /** The coordinates a changelog entry must name (see `changedCoordinates`). */
  coordinates: string[];
}

export interface ChangelogReport {
  passed: boolean;
  problems: string[];
  /** Which section lists each step, for the log. */
  listed: { step: string; section: string }[];
}

/** Changes that add or remove an element whole: naming the element covers every change inside it. */
const WHOLE = new Set<string>([ChangeType.TypeAdded, ChangeType.TypeRemoved, ChangeType.FieldAdded, ChangeType.FieldRemoved, ChangeType.InputFieldAdded, ChangeType.InputFieldRemoved]);

/** GraphQL Inspector's path (`Type.field.argument`, `Type.field.@deprecated.reason`) as a schema coordinate. */
export function coordinateOf(path: string): string {
  const [name = '', member, argument] = path.split('.@')[0]!.split('.');
  if (name.startsWith('@')) return member === undefined ? name : `${name}(${member}:)`;
  if (member === undefined) return name;
  return argument === undefined ? `${name}.${member}` : `${name}.${member}(${argument}:)`;
}

/** The coordinates that enclose this one (its type; for an argument, also its field). */
function enclosing(coordinate: string): string[] {
  const field = coordinate.replace(/\(\w+:\)$/, '');
  const type = coordinate.split('.')[0]!;
  return [...new Set([type, field])].filter((outer) => outer !== coordinate);
}

/** The name an entry uses for the schema's own description, which has no coordinate (and which GraphQL Inspector does not compare). */
export const SCHEMA_DESCRIPTION = 'schema';

/**
 * Every schema coordinate whose definition differs between the two SDL texts, except those inside
 * an element added or removed whole (a new type's fields: naming the type is enough).
 */
export async function changedCoordinates(beforeSdl: string, afterSdl: string): Promise<string[]> {
  const [before, after] = [buildSchema(beforeSdl), buildSchema(afterSdl)];
  const changes: Change[] = await diff(before, after);
  const whole = new Set(changes.filter((change) => WHOLE.has(change.type) && change.path).map((change) => coordinateOf(change.path!)));
  const changed = new Set(changes.map((change) => coordinateOf(change.path ?? '')).filter((coordinate) => coordinate !== ''));
  if ((before.description ?? null) !== (after.description ?? null)) changed.add(SCHEMA_DESCRIPTION);
  return [...changed].filter((coordinate) => !enclosing(coordinate).some((outer) => whole.has(outer))).sort();
}

const sectionName = (section: ChangelogSection) => (section.version === null ? '[Unreleased]' : `[${section.version}] - ${section.date}`);

/**
 * Checks CHANGELOG.md against the history of the schema, oldest step first. Each step's
 * coordinates must all be named (in backticks) in one section: `[Unreleased]`, or a release dated
 * on or after the step's day; and the sections that list the steps follow the steps' order.
 */
export function checkChangelog(changelogText: string, steps: readonly SchemaStep[]): ChangelogReport {
  const changelog = parseChangelog(changelogText);
  const problems = [...changelog.problems];
  const listed: ChangelogReport['listed'] = [];
  // Oldest first, like the steps.
  const sections = [...changelog.sections].reverse();
  let earliest = 0;
  for (const step of steps) {
    if (step.coordinates.length === 0) continue;
    const datedLateEnough = (section: ChangelogSection) => section.date === null || section.date >= step.day;
    const index = sections.findIndex(
      (section, at) => at >= earliest && datedLateEnough(section) && step.coordinates.every((coordinate) => section.coordinates.has(coordinate)),
    );
    if (index !== -1) {
      earliest = index;
      listed.push({ step: step.label, section: sectionName(sections[index]!) });
      continue;
    }
    const unnamed = step.coordinates.filter((coordinate) => !changelog.sections.some((section) => section.coordinates.has(coordinate)));
    const where = `[Unreleased] or a release dated ${step.day} or later${sections[earliest] ? `, not before ${sectionName(sections[earliest]!)}` : ''}`;
    problems.push(
      unnamed.length > 0
        ? `${step.label} (${step.day}) changed what CHANGELOG.md names nowhere: ${unnamed.map((coordinate) => `\`${coordinate}\``).join(', ')}; add entries to ${where}`
        : `${step.label} (${step.day}) changed ${step.coordinates.map((coordinate) => `\`${coordinate}\``).join(', ')}: name them all in one section, ${where}`,
    );
  }
  return { passed: problems.length === 0, problems, listed };
}
