extension FundKind {
    /// The `Codable` type of the kind's `data` (drafts write it, the rules read it); nil for
    /// `approval.request`, whose members are its action's parameters. The `unore` member the
    /// store adds (``FundRules/unoreMember``) is no part of it.
    public var dataType: (any Codable.Type)? {
        switch self {
        case .fundSetup: FundSetupData.self
        case .donorAdd: DonorRegistration.self
        case .pledgeRecord: PledgeData.self
        case .ratesSet: RateSetData.self
        case .agreementSign: AgreementData.self
        case .agreementRecognise: RecognitionData.self
        case .contributionReceive: ReceiptData.self
        case .contributionUnidentified, .cashConvert: CashAmountData.self
        case .contributionApply: ReceiptApplication.self
        case .approvalRequest: nil
        case .approvalCertify, .approvalApprove: RequestDecision.self
        case .approvalReject: RejectionData.self
        case .grantRecommend: GrantRecommendation.self
        case .grantReport: GrantReportData.self
        case .grantRefund: GrantRefundData.self
        case .grantClose: GrantClosure.self
        case .fxRevalue, .reserveAdjust: NoData.self
        case .interestAllocate: InterestAllocation.self
        case .yearClose: YearCloseData.self
        case .keyDelegate: DelegationData.self
        case .grantAccrue: AccrualData.self
        case .grantAccrueReverse: AccrualReversal.self
        }
    }
}
