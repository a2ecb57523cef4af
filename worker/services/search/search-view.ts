/**
 * The shape of a search hit, from the contract. Types only (no runtime imports), so the web client imports it with
 * `import type` instead of keeping a copy.
 */
export type { SearchHit, SearchType } from "../../../contract/search";
