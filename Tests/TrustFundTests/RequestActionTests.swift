import Testing
import TrustFundRules

/// The request actions the rules switch over are the ones a request may name and the policy may
/// list: a new action is added to the enum (the compiler then points to each switch) and to these
/// lists, or this test fails.
@Suite struct RequestActionTests {
    @Test func theEnumIsEveryActionARequestMayName() {
        #expect(Set(RequestAction.allCases.map(\.rawValue)) == Set(FundSettings.requestActions))
        #expect(FundSettings.requestActions.count == RequestAction.allCases.count, "an action is listed twice")
        #expect(Set(FundSettings.controlledActions).union(FundSettings.alwaysControlled) == Set(FundSettings.requestActions))
    }

    @Test func theRuleSetsNamesAreItsCases() {
        #expect(RequestAction(rawValue: BudgetRules.action) == .budgetSet)
        #expect(RequestAction(rawValue: SecretariatRules.action) == .secretariatCost)
    }
}
