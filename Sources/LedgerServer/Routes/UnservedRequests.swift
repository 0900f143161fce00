import HTTPTypes
import Hummingbird

/// What a request no route serves gets: a path served with other methods, 405 with `Allow`
/// naming them (HTTP's rule, which schemathesis checks); any other path, 404. Both as a
/// ``ServiceRefusal`` (`{"error", "message"}`), like every other refusal, instead of the router's
/// empty 404.
struct UnservedRequests<Context: RequestContext>: RouterMiddleware {
    /// Each route's path components (`:name` one component, `**` the rest) and method.
    let routes: [(components: [Substring], method: HTTPRequest.Method)]

    /// The middleware for the routes `router` serves; add it after them.
    init(_ router: Router<Context>) {
        routes = router.routes.map { route in
            ("\(route.path)".split(separator: "/"), route.method)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path.split(separator: "/")
            let methods = routes.filter { Self.matches($0.components, path) }.map(\.method)
            guard !methods.isEmpty else {
                throw ServiceRefusal(.notFound, "nothing is served at \(request.uri.path.prefix(200)) (Schemas/openapi.yaml lists what is)")
            }
            var refusal = ServiceRefusal(
                .methodNotAllowed, "\(request.uri.path.prefix(200)) is served with \(methods.map(\.rawValue).joined(separator: ", ")), not \(request.method.rawValue)")
            refusal.allow = methods
            throw refusal
        }
    }

    /// Whether a route's `pattern` matches the path's components.
    static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        var index = 0
        for component in pattern {
            if component == "**" { return index < path.count }
            guard index < path.count, component.hasPrefix(":") || component.hasPrefix("{") || component == path[index] else { return false }
            index += 1
        }
        return index == path.count
    }
}
