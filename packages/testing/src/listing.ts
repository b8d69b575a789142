// `listSessions` over the fake's sessions: each filter a predicate in one table, each order an
// index built once on first use (none for generated sessions in creation order), and a page read
// from the index without copying the list. The
// filters on status, times and participant counts read a session's outline; only searching by
// text or meeting, and sorting by minutes, make every session (once).
import type { Session } from "@realtimekit-sessions/client";
import type { LazySession, SessionTable } from "./seed.js";

const PARTICIPANTS_RANGE_RE = /^(\d+):(\d+)$/;

/** What the API answers a list with when `per_page` is not given (the fake's choice; undocumented). */
export const DEFAULT_PER_PAGE = 20;

type Predicate = (session: LazySession) => boolean;

/** Each filter of the query: its predicate, or why the value is refused. */
const FILTERS: Record<string, (value: string) => Predicate | { refused: string }> = {
  status: (value) => (session) => session.outline.status === value,
  // Undocumented: the fake compares start_time and end_time with the session's start.
  start_time: (value) => {
    const from = Date.parse(value);
    return (session) => session.outline.startedMs >= from;
  },
  end_time: (value) => {
    const to = Date.parse(value);
    return (session) => session.outline.startedMs <= to;
  },
  associated_id: (value) => (session) => session.session.associated_id === value,
  search: (value) => {
    const text = value.toLowerCase();
    return ({ session }) =>
      [session.meeting_display_name, session.associated_id, session.id].some((field) =>
        field.toLowerCase().includes(text),
      );
  },
  participants: (value) => {
    const [, min, max] = PARTICIPANTS_RANGE_RE.exec(value) ?? [];
    if (min === undefined || max === undefined) {
      return {
        refused: `Invalid value for query parameter "participants": must be a range written min:max, for example 1:10`,
      };
    }
    return (session) =>
      session.outline.participantCount >= Number(min) && session.outline.participantCount <= Number(max);
  },
};

export interface Page<T> {
  items: T[];
  paging: { start_offset: number; end_offset: number; total_count: number };
}

export function createListing(sessions: SessionTable) {
  const orders = new Map<string, Uint32Array>();
  let version = sessions.version;

  /**
   * The index of the session at each place of the order asked for. Generated sessions are
   * created in the order of their indices, so that order is their indices (or their reverse);
   * any other is sorted the first time it is asked for.
   */
  function order(byMinutes: boolean, descending: boolean): (at: number) => number {
    if (!byMinutes && sessions.inCreationOrder) {
      const last = sessions.count - 1;
      return descending ? (at) => last - at : (at) => at;
    }
    if (version !== sessions.version) {
      orders.clear();
      version = sessions.version;
    }
    const name = `${byMinutes}:${descending}`;
    let sorted = orders.get(name);
    if (!sorted) {
      // Creation times come without making the sessions; minutes need each session made.
      const keys = byMinutes
        ? Float64Array.from({ length: sessions.count }, (_, index) => sessions.at(index).session.minutes_consumed)
        : sessions.createdTimes();
      // Ties keep the order the sessions were seeded in.
      sorted = sortedIndices(keys, descending);
      orders.set(name, sorted);
    }
    const indices = sorted;
    return (at) => indices[at] as number;
  }

  return {
    list(query: URLSearchParams): Page<Session> | { refused: string } {
      const predicates: Predicate[] = [];
      for (const [param, filter] of Object.entries(FILTERS)) {
        const value = query.get(param);
        if (!value) continue;
        const predicate = filter(value);
        if ("refused" in predicate) return predicate;
        predicates.push(predicate);
      }
      const indexAt = order(query.get("sort_by") === "minutesConsumed", (query.get("sort_order") ?? "DESC") !== "ASC");
      const { perPage, offset } = pageOf(query);
      const picked: LazySession[] = [];
      let total = 0;
      if (predicates.length === 0) {
        total = sessions.count;
        for (let at = offset; at < Math.min(offset + perPage, total); at++) picked.push(sessions.at(indexAt(at)));
      } else {
        for (let at = 0; at < sessions.count; at++) {
          const session = sessions.at(indexAt(at));
          if (!predicates.every((predicate) => predicate(session))) continue;
          if (total >= offset && picked.length < perPage) picked.push(session);
          total++;
        }
      }
      return { items: picked.map((session) => session.listed), paging: pagingOf(offset, picked.length, total) };
    },
  };
}

/**
 * The indices of `keys` in ascending (or descending) order of their keys, ties in index order.
 * Whole-number keys close enough together are packed with their index into one number each and
 * sorted natively, several times faster than with a comparator; others take the comparator.
 */
function sortedIndices(keys: Float64Array, descending: boolean): Uint32Array {
  const count = keys.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let whole = true;
  for (let index = 0; index < count; index++) {
    const key = keys[index] as number;
    if (key < min) min = key;
    if (key > max) max = key;
    whole &&= Number.isInteger(key);
  }
  const packable = whole && (max - min + 1) * count < Number.MAX_SAFE_INTEGER;
  if (!packable) {
    const direction = descending ? -1 : 1;
    return Uint32Array.from(keys.keys()).sort(
      (a, b) => ((keys[a] as number) - (keys[b] as number)) * direction || a - b,
    );
  }
  const packed = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const key = keys[index] as number;
    packed[index] = (descending ? max - key : key - min) * count + index;
  }
  packed.sort();
  const sorted = new Uint32Array(count);
  for (let at = 0; at < count; at++) sorted[at] = (packed[at] as number) % count;
  return sorted;
}

/** The page a query asks for (pages count from 1; page 0 is page 1). */
export function pageOf(query: URLSearchParams): { perPage: number; offset: number } {
  const perPage = Math.floor(Number(query.get("per_page") || DEFAULT_PER_PAGE)) || DEFAULT_PER_PAGE;
  const pageNo = Math.max(1, Math.floor(Number(query.get("page_no") || 1)));
  return { perPage, offset: (pageNo - 1) * perPage };
}

/** 1-based inclusive offsets of a page of `count` items from `offset`. */
export function pagingOf(offset: number, count: number, total: number): Page<unknown>["paging"] {
  return { start_offset: count > 0 ? offset + 1 : offset, end_offset: offset + count, total_count: total };
}

/** A session as lists show it: without its breakout rooms. */
export function listed(session: Session): Session {
  const { breakout_rooms: _, ...rest } = session;
  return rest;
}
