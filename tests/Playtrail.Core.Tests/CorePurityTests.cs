using System.Reflection;
using System.Reflection.Emit;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Tests;

/// <summary>
/// Playtrail.Core is pure (house style: dependencies point inward): it references nothing but the BCL, does
/// no I/O and reads no clock, so the validator and processor behave the same in the server, the CLI and tests.
/// </summary>
public sealed class CorePurityTests
{
    private static readonly Assembly Core = typeof(PayloadValidator).Assembly;

    private static readonly string[] ForbiddenTypes =
    [
        "System.Console", "System.Environment", "System.Diagnostics.Stopwatch", "System.Diagnostics.Process",
        "System.IO.File", "System.IO.FileInfo", "System.IO.FileStream", "System.IO.Directory", "System.IO.DirectoryInfo",
        "System.IO.StreamReader", "System.IO.StreamWriter", "System.IO.RandomAccess", "System.IO.FileSystemWatcher",
    ];

    private static readonly string[] ForbiddenMembers =
    [
        "System.DateTime.get_Now", "System.DateTime.get_UtcNow", "System.DateTime.get_Today",
        "System.DateTimeOffset.get_Now", "System.DateTimeOffset.get_UtcNow", "System.TimeProvider.get_System",
    ];

    [Fact]
    public void Core_ReferencesOnlyTheBaseClassLibrary()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(
            name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib"
                || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal),
            $"Playtrail.Core references {name}, which is not part of the BCL."));
    }

    [Fact]
    public void Core_CallsNoClockAndNoFileConsoleOrNetworkApi()
    {
        var offenders = CalledMembers()
            .Where(call => IsForbidden(call.Member))
            .Select(call => $"{call.Caller} uses {call.Member.DeclaringType}.{call.Member.Name}")
            .Distinct()
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void CallScan_SeesCallsIntoTheBcl()
    {
        // Guards the scan above against passing because it decoded nothing.
        Assert.Contains(CalledMembers(), call => call.Member.DeclaringType == typeof(System.Text.Json.Utf8JsonReader) && call.Member.Name == "Read");
    }

    private static bool IsForbidden(MemberInfo member)
    {
        var type = member.DeclaringType;
        if (type is null)
        {
            return false;
        }

        return ForbiddenTypes.Contains(type.FullName)
            || ForbiddenMembers.Contains(type.FullName + "." + member.Name)
            || (type.Namespace?.StartsWith("System.Net", StringComparison.Ordinal) ?? false);
    }

    private static IEnumerable<(string Caller, MemberInfo Member)> CalledMembers()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var opCodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(op => op.Value);

        foreach (var type in Core.GetTypes())
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null)
                {
                    continue;
                }

                var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
                var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
                for (var at = 0; at < il.Length;)
                {
                    short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
                    var opCode = opCodes[value];
                    at += opCode.Size;
                    if (opCode.OperandType is OperandType.InlineMethod or OperandType.InlineField)
                    {
                        var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                        if (member is not null)
                        {
                            yield return ($"{type.FullName}.{method.Name}", member);
                        }
                    }

                    at += OperandSize(opCode.OperandType, il, at);
                }
            }
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
