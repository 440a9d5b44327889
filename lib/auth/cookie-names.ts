// Cookie names, apart from the session code so the proxy can ask "is there a session cookie?" cheaply.
// Over https the session cookie is a __Host- cookie: Secure, Path=/, no Domain, so no sibling site can set it.
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-keyrotate-session" : "keyrotate-session";
}
