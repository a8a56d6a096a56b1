using Refit;

namespace Portal.Pages.Business.Applications;

/// <summary>Cancelling an application before it is paid, after a confirmation.</summary>
public sealed class CancelModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : StopApplicationPage(suite, text, catalogue)
{
    public override bool Allowed => Application.Status == "AwaitingPayment";

    public override StopTexts Texts => new(
        Text["Cancel_Title"], Text["Cancel_Heading"], Text["Cancel_Body"], Text["Cancel_Confirm"], Text["Cancel_Keep"], Text["Cancel_NotPossible"]);

    protected override Task<IApiResponse<ApplicationDto>> StopAsync(ISuiteApi api, Guid applicationId) => api.CancelAsync(applicationId);
}
