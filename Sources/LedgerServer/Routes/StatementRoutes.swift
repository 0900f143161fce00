import Foundation
import Hummingbird
import LedgerCore
import LedgerJournal
import Statements

/// Donor statements, signed by the service with the log key it alone holds
/// (`GET /v1/statement?donor=ID[&from=DATE][&to=DATE]`): for the fund's registered keys, and for
/// a donor's own key (role donor, holder the donor's id) for that donor only.
struct StatementRoutes {
    let service: LedgerService

    func add(to router: Router<BasicRequestContext>) {
        router.get("v1/statement") { request, _ in try await statement(request) }
    }

    private func statement(_ request: Request) async throws -> Response {
        let key = try await service.requireSigner(request, donorsAllowed: true)
        let values = request.uri.queryParameters.getAll("donor")
        guard values.count == 1, let donor = values.first.map({ String($0) }), !donor.isEmpty else {
            throw ServiceRefusal(.badRequest, "name one donor: ?donor=ID")
        }
        if key.record.roles.contains(.donor), key.record.holder != donor {
            throw ServiceRefusal(.forbidden, "this key is donor \(key.record.holder)'s: it reads that donor's statements only")
        }
        guard let logKey = service.logKey else {
            throw ServiceRefusal(.readOnly, "this service signs no statement: it was started without the ledger's log key (vtf serve --log-key FILE)")
        }
        let today = try LedgerDate(ordinalDay: service.now() / 86_400)
        let end = try Self.date(request, "to") ?? today
        let start = try Self.date(request, "from") ?? LedgerDate(year: end.year, month: 1, day: 1)
        let statement: DonorStatement
        do {
            statement = try await service.storeCall {
                try await DonorStatements.build(service.store, donors: [donor], from: start, to: end, issued: today)[0]
            }
        } catch let error as StatementError {
            throw ServiceRefusal(.badRequest, error.message)
        }
        service.logger.info("statement", metadata: ["donor": "\(donor)", "for": "\(key.record.holder)"])
        return Response.bytes(try StatementSeal.sign(statement, logKey: logKey), contentType: "application/json")
    }

    /// The query parameter `name` as a date (YYYY-MM-DD), nil when absent.
    static func date(_ request: Request, _ name: String) throws -> LedgerDate? {
        let values = request.uri.queryParameters.getAll(name)
        guard let value = values.first else { return nil }
        guard values.count == 1, let date = try? LedgerDate(parsing: String(value)) else {
            throw ServiceRefusal(.badRequest, "\(name)=\(value.prefix(20)) is not one date YYYY-MM-DD")
        }
        return date
    }
}
