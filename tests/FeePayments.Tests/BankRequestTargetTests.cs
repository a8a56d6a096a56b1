using FeePayments.Api.Banks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FeePayments.Tests;

/// <summary>
/// What a bank's GET is signed over: the request target exactly as the bank sent it. The test server
/// always sends an origin-form target, so the other forms are checked here, without a server.
/// </summary>
public class BankRequestTargetTests
{
    private static HttpContext Request(string? rawTarget)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/bank/v1/bills/RF18 X";
        http.Request.QueryString = new QueryString("?a=1");
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget!;
        return http;
    }

    [Fact]
    public void An_origin_form_target_is_used_as_sent_not_as_decoded_and_encoded_again() =>
        BankSignatureFilter.RequestTarget(Request("/bank/v1/bills/%52F18%20X?a=1")).Should().Be("/bank/v1/bills/%52F18%20X?a=1");

    [Theory]
    [InlineData("http://bank.example/bank/v1/bills/RF18%20X?a=1")]
    [InlineData("")]
    [InlineData(null)]
    public void Without_an_origin_form_target_the_path_and_query_are_encoded_as_a_client_sends_them(string? rawTarget) =>
        BankSignatureFilter.RequestTarget(Request(rawTarget)).Should().Be("/bank/v1/bills/RF18%20X?a=1");

    [Fact]
    public void An_endpoint_without_the_signature_filter_has_no_bank_request() =>
        ((Action)(() => BankRequest.From(new DefaultHttpContext()))).Should().Throw<InvalidOperationException>()
            .WithMessage("The bank signature filter did not run for this endpoint.");
}
