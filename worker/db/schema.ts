export * from "./users";
export * from "./groups";
