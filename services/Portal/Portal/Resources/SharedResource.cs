namespace Portal.Resources;

/// <summary>
/// Marker for the one resource set every page reads (SharedResource.resx, .tk.resx, .ru.resx): every word a
/// person sees is there, in English, Turkmen (Latin alphabet) and Russian.
/// </summary>
public sealed class SharedResource;
