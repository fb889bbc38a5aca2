// Calls a Remix loader or action in process; a thrown Response (4xx, redirect) is returned like a returned one.
export type RouteFn = (args: { request: Request; params: object; context: object }) => Promise<Response>;

export async function callRoute(fn: RouteFn, request: Request, params: object = {}): Promise<Response> {
  try {
    return await fn({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
