using Playtrail.LoadTest;

return await LoadTestCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
