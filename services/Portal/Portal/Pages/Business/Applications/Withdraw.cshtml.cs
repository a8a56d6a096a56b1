using Refit;

namespace Portal.Pages.Business.Applications;

/// <summary>Withdrawing an application the regulator is reviewing (paid: the fee is not refunded), after a confirmation.</summary>
public sealed class WithdrawModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : StopApplicationPage(suite, text, catalogue)
{
    public override bool Allowed => ApplicationRules.CanWithdraw(Application);

    public override StopTexts Texts => new(
        Text["Withdraw_Title"], Text["Withdraw_Heading"], Text["Withdraw_Body"], Text["Withdraw_Confirm"], Text["Withdraw_Keep"], Text["Withdraw_NotPossible"]);

    protected override Task<IApiResponse<ApplicationDto>> StopAsync(ISuiteApi api, Guid applicationId) => api.WithdrawAsync(applicationId);
}
