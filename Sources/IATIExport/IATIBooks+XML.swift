import LedgerCore

/// The two files of an IATI publication, as text.
public struct IATIFiles: Sendable, Equatable {
    /// `organisation.xml`: the reporting organisation (iati-organisations 2.03).
    public let organisation: String
    /// `activities.xml`: the fund's activity and one per grant (iati-activities 2.03).
    public let activities: String
}

extension IATIBooks {
    /// The IATI version written.
    public static let version = "2.03"

    /// ``updated`` for the files' date-time attributes; nil (left out) for a journal without one.
    var stamp: String? { updated.isEmpty ? nil : updated }

    /// The books as IATI 2.03 XML: the organisation file and the activity file.
    public func render() -> IATIFiles {
        IATIFiles(organisation: organisationXML(), activities: activitiesXML())
    }

    func organisationXML() -> String {
        var xml = IATIXMLWriter()
        xml.start("iati-organisations", [("version", Self.version), ("generated-datetime", stamp)])
        xml.start("iati-organisation", [("last-updated-datetime", stamp), ("xml:lang", "en"), ("default-currency", currency.code)])
        xml.element("organisation-identifier", text: publisher.reportingOrgRef)
        xml.narrative("name", publisher.reportingOrgName)
        xml.narrative("reporting-org", [("ref", publisher.reportingOrgRef), ("type", "40")], publisher.reportingOrgName)
        xml.end()
        xml.end()
        return xml.finished()
    }

    func activitiesXML() -> String {
        var xml = IATIXMLWriter()
        xml.start("iati-activities", [("version", Self.version), ("generated-datetime", stamp)])
        fundActivity(&xml)
        for grant in grants { grantActivity(grant, &xml) }
        xml.end()
        return xml.finished()
    }

    /// The fund's activity (hierarchy 1): its incoming commitments and funds, its own spending,
    /// and a link to each grant's activity.
    func fundActivity(_ xml: inout IATIXMLWriter) {
        activityHeader(publisher.activityID, hierarchy: "1", &xml)
        xml.narrative("title", fundName)
        xml.narrative("description", [("type", "1")], "\(fundName): contributions agreed and received, grants awarded and paid to the organisations that assist victims (each grant an activity of its own), and the fund's own costs. Values in \(currency.code), the fund currency, at the UN operational rate of exchange of the value date; taken from the fund's signed journal of \(size) entries (Merkle root \(root)).")
        xml.narrative("participating-org", [("ref", publisher.reportingOrgRef), ("role", "2"), ("type", "40")], publisher.reportingOrgName)
        for donor in donors { xml.narrative("participating-org", [("ref", donor.ref), ("role", "1"), ("type", donor.type)], donor.name) }
        xml.element("activity-status", [("code", "2")])
        xml.element("activity-date", [("type", "2"), ("iso-date", started.description)])
        for transaction in fundTransactions { write(transaction, country: nil, sector: nil, &xml) }
        for grant in grants { xml.element("related-activity", [("ref", publisher.grantActivityID(grant.id)), ("type", "2")]) }
        xml.end()
    }

    /// A grant's activity (hierarchy 2): the grantee by its published name only; the country and
    /// sector on every transaction (IATI: at transaction level, then on all of them).
    func grantActivity(_ grant: IATIGrant, _ xml: inout IATIXMLWriter) {
        activityHeader(publisher.grantActivityID(grant.id), hierarchy: "2", &xml)
        xml.narrative("title", "Grant \(grant.id) to \(grant.displayName)")
        xml.narrative("description", [("type", "1")], "A grant of the \(fundName) to \(grant.displayName), awarded on \(grant.awarded).")
        xml.narrative("participating-org", [("ref", publisher.reportingOrgRef), ("role", "1"), ("type", "40"), ("activity-id", publisher.activityID)], publisher.reportingOrgName)
        xml.narrative("participating-org", [("role", "4")], grant.displayName)
        xml.element("activity-status", [("code", grant.closed == nil ? "2" : "4")])
        xml.element("activity-date", [("type", "2"), ("iso-date", grant.awarded.description)])
        if let closed = grant.closed { xml.element("activity-date", [("type", "4"), ("iso-date", closed.description)]) }
        for transaction in grant.transactions { write(transaction, country: grant.country, sector: grant.sector, &xml) }
        xml.element("related-activity", [("ref", publisher.activityID), ("type", "1")])
        xml.end()
    }

    func activityHeader(_ identifier: String, hierarchy: String, _ xml: inout IATIXMLWriter) {
        xml.start("iati-activity", [
            ("last-updated-datetime", stamp), ("xml:lang", "en"), ("default-currency", currency.code), ("hierarchy", hierarchy),
        ])
        xml.element("iati-identifier", text: identifier)
        xml.narrative("reporting-org", [("ref", publisher.reportingOrgRef), ("type", "40")], publisher.reportingOrgName)
    }

    /// One transaction, its elements in the order the schema sets.
    func write(_ transaction: IATITransaction, country: String?, sector: String?, _ xml: inout IATIXMLWriter) {
        xml.start("transaction", [("ref", "\(transaction.seq)")])
        xml.element("transaction-type", [("code", "\(transaction.type.rawValue)")])
        xml.element("transaction-date", [("iso-date", transaction.date.description)])
        xml.element("value", [("currency", transaction.value.currency.code), ("value-date", transaction.date.description)],
                    text: transaction.value.decimalString)
        if let description = transaction.description { xml.narrative("description", description) }
        if let provider = transaction.provider {
            xml.narrative("provider-org", [("ref", provider.ref), ("provider-activity-id", provider.activityID), ("type", provider.type)], provider.name)
        }
        if let receiver = transaction.receiver {
            xml.narrative("receiver-org", [("ref", receiver.ref), ("receiver-activity-id", receiver.activityID), ("type", receiver.type)], receiver.name)
        }
        if let sector { xml.element("sector", [("vocabulary", "1"), ("code", sector)]) }
        if let country { xml.element("recipient-country", [("code", country)]) }
        xml.end()
    }
}
