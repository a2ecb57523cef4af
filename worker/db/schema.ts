export * from "./users";
export * from "./groups";
export * from "./conversation";
export * from "./coffee";
export * from "./integrations";
export * from "./requests";
export * from "./ideas";
export * from "./questions";
