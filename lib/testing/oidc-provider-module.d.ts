// oidc-provider ships no type declarations and @types/oidc-provider is not installed. These cover
// only the members the test provider (lib/testing/oidc-provider.ts) uses, as oidc-provider 9.13 has them.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  /** The parts of oidc-provider's Koa context that the page renderers touch. */
  export interface ProviderContext {
    body: unknown;
    type: string;
    status: number;
    oidc: { client?: { clientId: string; clientName?: string } };
  }

  export interface Account {
    accountId: string;
    claims(use: "id_token" | "userinfo", scope: string): Promise<Record<string, unknown>>;
  }

  /** Provider configuration; oidc-provider validates it at construction, so it stays loosely typed here. */
  export type Configuration = Record<string, unknown>;

  export interface InteractionDetails {
    uid: string;
    prompt: {
      name: string;
      details: {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
    };
    params: Record<string, unknown> & { client_id: string };
    session?: { accountId: string };
    grantId?: string;
  }

  export type InteractionResults =
    | { login: { accountId: string } }
    | { consent: { grantId: string } }
    | { error: string; error_description?: string };

  export interface Grant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export interface GrantModel {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    readonly Grant: GrantModel;
    /** Validates a configured client on first lookup: rejects with InvalidClientMetadata. */
    readonly Client: { find(clientId: string): Promise<object | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResults): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export default Provider;
}
