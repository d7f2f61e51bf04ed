using System.Collections.Immutable;
using System.Data;

namespace Playtrail.Storage.Reporting;

/// <summary>A statement's text and its parameters in binding order, typed so that a NULL still has a type.</summary>
internal sealed record SqlStatement(string Sql, ImmutableArray<SqlParameterSpec> Parameters);

/// <summary>One named parameter (written <c>@name</c> in the text).</summary>
internal readonly record struct SqlParameterSpec(string Name, DbType Type);
