// oidc-provider ships no types: the SSO browser test plays the identity provider with it, through the little it uses.
declare module "oidc-provider" {
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    [key: string]: any;
  }
}
