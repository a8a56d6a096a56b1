namespace G2B.DevIdentity;

/// <summary>Marker of the sign-in pages' texts: Resources/SignInText.resx (English), .tk.resx, .ru.resx.</summary>
public sealed class SignInText;
